package dev.tusk.app.logic.agent;

/** One HTTP answer of an agent: status code and body (JSON or a sentence). */
public record AgentResponse(int status, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
