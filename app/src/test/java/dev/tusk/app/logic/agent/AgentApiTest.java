package dev.tusk.app.logic.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.ProblemKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent client over a stand-in transport (a mock of the agent's HTTP answers, not the agent). */
class AgentApiTest {

    /** Records requests and answers with a fixed status and body, or fails like an unreachable pod. */
    static final class MockAgentTransport implements AgentTransport {
        final List<String> requests = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();
        int status = 200;
        String body = "{}";
        boolean unreachable;

        @Override
        public AgentResponse exchange(String namespace, String pod, String method, String path, String jsonBody,
                                      String bearerToken, Duration timeout) throws IOException {
            requests.add(method + " " + pod + path + (jsonBody == null ? "" : " " + jsonBody));
            tokens.add(bearerToken);
            if (unreachable) {
                throw new IOException("connection refused");
            }
            return new AgentResponse(status, body);
        }

        @Override
        public void forget(String namespace, String pod) {
        }

        @Override
        public void close() {
        }
    }

    private final MockAgentTransport transport = new MockAgentTransport();
    private final AgentApi api = new AgentApi(transport);

    private static String english(ProblemException e) {
        return Messages.english().describe(e.problem());
    }

    @Test
    void aSwitchoverIsOnePostToTheLeaderWithTheCandidateAndTheBearerToken() {
        transport.status = 202;
        api.requestSwitchover("db", "hippo-instance1-0-0", "hippo-instance1-1-0", "s3cret", "hippo-agent-api");
        assertThat(transport.requests).containsExactly("POST hippo-instance1-0-0/switchover {\"candidate\":\"hippo-instance1-1-0\"}");
        assertThat(transport.tokens).containsExactly("s3cret");
        api.requestSwitchover("db", "hippo-instance1-0-0", null, "s3cret", "hippo-agent-api");
        assertThat(transport.requests.get(1)).endsWith("/switchover {}");
    }

    @Test
    void eachRefusalOfTheAgentIsExplainedByItsStatusAndTheAgentsOwnSentence() {
        record Case(int status, String key, String expected) {
        }
        for (Case c : List.of(
                new Case(401, "problem.switchover.token.title", "Secret hippo-agent-api"),
                new Case(403, "problem.switchover.token.title", "answered 403"),
                new Case(404, "problem.switchover.unsupported.title", "no switchover endpoint"),
                new Case(409, "problem.switchover.notLeader.title", "not the leader now"),
                new Case(412, "problem.switchover.notEligible.title", "lag 9 MB above the limit"),
                new Case(422, "problem.switchover.refused.title", "will not hand over to hippo-instance1-1-0"),
                new Case(503, "problem.switchover.unavailable.title", "lag 9 MB above the limit"),
                new Case(400, "problem.switchover.badRequest.title", "malformed"),
                new Case(500, "problem.agent.status.title", "answered 500"))) {
            transport.status = c.status();
            transport.body = "{\"message\": \"lag 9 MB above the limit\"}";
            assertThatThrownBy(() -> api.requestSwitchover("db", "hippo-instance1-0-0", "hippo-instance1-1-0", "t",
                    "hippo-agent-api")).as("HTTP " + c.status())
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().kind()).isEqualTo(ProblemKind.AGENT);
                        assertThat(e.problem().title().key()).isEqualTo(c.key());
                        assertThat(english(e)).contains(c.expected());
                    });
        }
    }

    @Test
    void anUnreachableLeaderSaysTheSwitchoverMayHaveStartedAndIsNeverRetried() {
        transport.unreachable = true;
        assertThatThrownBy(() -> api.requestSwitchover("db", "p", "q", "t", "s"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(english(e)).contains("may or may not have started", "connection refused"));
        assertThat(transport.requests).hasSize(1);
    }

    @Test
    void theClusterViewIsReadAndUnreadableAnswersAreExplained() {
        transport.body = "{\"members\": [{\"name\": \"p\", \"role\": \"primary\"}]}";
        assertThat(api.cluster("db", "p").leader()).isEqualTo("p");
        transport.body = "not json";
        assertThatThrownBy(() -> api.cluster("db", "p")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().title().key()).isEqualTo("problem.agent.unreadable.title"));
        transport.status = 503;
        assertThatThrownBy(() -> api.cluster("db", "p")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(english(e)).contains("answered 503 to /cluster"));
    }

    @Test
    void aTokenInAnAgentMessageIsRedacted() {
        transport.status = 401;
        transport.body = "{\"message\": \"bad Authorization: Bearer abcdefghijklmnop\"}";
        assertThatThrownBy(() -> api.requestSwitchover("db", "p", "q", "abcdefghijklmnop", "s"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(english(e)).doesNotContain("abcdefghijklmnop").contains("[redacted]"));
    }
}
