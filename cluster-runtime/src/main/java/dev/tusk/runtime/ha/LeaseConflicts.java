package dev.tusk.runtime.ha;

/**
 * What a 409 Conflict on a lease write means, judged from a fresh re-read (rule 1). Never retry blindly.
 */
public final class LeaseConflicts {

    private LeaseConflicts() {
    }

    public enum Outcome {
        /** The re-read shows exactly our write (holder and renew nonce): it landed, only its response was lost. */
        OUR_WRITE_LANDED,
        /** Someone else wrote in between: our write did not happen; decide again from the re-read record. */
        LOST
    }

    /**
     * @param reread       the lease as re-read from the API server after the conflict (or after a write whose
     *                     response never arrived); null if it could not be read
     * @param holder       the holder we meant to write ("" for a release)
     * @param renewId      the nonce our write carried in {@code tusk.dev/renew-id}
     */
    public static Outcome classify(LeaseRecord reread, String holder, String renewId) {
        if (reread != null && renewId != null && renewId.equals(reread.renewId()) && reread.holder().equals(holder)) {
            return Outcome.OUR_WRITE_LANDED;
        }
        return Outcome.LOST;
    }
}
