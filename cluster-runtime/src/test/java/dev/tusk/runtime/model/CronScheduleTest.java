package dev.tusk.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    private static final String PATH = "spec.backups.repositories[0].schedules.full";

    @ParameterizedTest
    @ValueSource(strings = {"0 1 * * *", "*/15 * * * *", "0 0 1 JAN *", "30 2 * * MON-FRI", "0 0-23/2 * * 0,6",
            "0 1 ? * SUN", "59 23 31 12 7", "@daily", "@hourly", "@weekly", "0 1 1-15/5 * *", "  0 1 * * *  "})
    void acceptsWhatCronJobsAccept(String schedule) {
        assertThat(CronSchedule.check(schedule, PATH)).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "0 25 * * *     | field 'hour' of " + PATH + ": 25 is outside 0–23",
            "60 * * * *     | field 'minute' of " + PATH + ": 60 is outside 0–59",
            "0 0 0 * *      | field 'day-of-month' of " + PATH + ": 0 is outside 1–31",
            "0 0 * 13 *     | field 'month' of " + PATH + ": 13 is outside 1–12",
            "0 0 * * 8      | field 'day-of-week' of " + PATH + ": 8 is outside 0–7",
            "*/0 * * * *    | field 'minute' of " + PATH + ": a step of 0 never advances",
            "0 5-2 * * *    | field 'hour' of " + PATH + ": range 5-2 ends before it starts",
            "0 1 * * FUN    | field 'day-of-week' of " + PATH + ": 'FUN' is neither a number nor one of SUN, MON, TUE, WED, THU, FRI, SAT",
            "0 1,,2 * * *   | field 'hour' of " + PATH + ": an empty entry (two commas in a row, or a trailing comma)",
            "0 1 * *        | a schedule has five fields separated by spaces, found 4",
            "0 0 1 * * 2024 | a schedule has five fields separated by spaces, found 6",
            "@fortnightly   | '@fortnightly' is not a schedule macro Kubernetes knows",
            "TZ=UTC 0 1 * * * | Kubernetes does not accept a time zone inside the schedule",
            "x 1 * * *      | field 'minute' of " + PATH + ": 'x' is not a number",
    })
    void namesTheFieldAndTheRule(String schedule, String rule) {
        assertThat(CronSchedule.check(schedule, PATH)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(PATH);
            assertThat(v.value()).isEqualTo(schedule);
            assertThat(v.rule()).isEqualTo(rule);
            assertThat(v.fix()).isNotBlank();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"61 25 32 13 8"})
    void reportsEveryBadFieldAtOnce(String schedule) {
        assertThat(CronSchedule.check(schedule, PATH)).extracting(Violation::rule).containsExactly(
                "field 'minute' of " + PATH + ": 61 is outside 0–59",
                "field 'hour' of " + PATH + ": 25 is outside 0–23",
                "field 'day-of-month' of " + PATH + ": 32 is outside 1–31",
                "field 'month' of " + PATH + ": 13 is outside 1–12",
                "field 'day-of-week' of " + PATH + ": 8 is outside 0–7");
    }
}
