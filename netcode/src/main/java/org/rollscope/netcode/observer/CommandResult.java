package org.rollscope.netcode.observer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The acknowledgement of an observer command: {@code {ok: true}} or {@code {ok: false, error, message}}.
 *
 * @param ok whether the relay and the targeted peer(s) accepted the command
 * @param error a short machine-readable code when refused (e.g. {@code timeout}, {@code unknown_game},
 *     {@code invalid_link}, {@code peer_refused}), else {@code null}
 * @param message a human-readable explanation when refused, else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(
        @JsonProperty("ok") boolean ok,
        @JsonProperty("error") String error,
        @JsonProperty("message") String message) {

    /** The acknowledgement of an accepted command. */
    public static final CommandResult OK = new CommandResult(true, null, null);

    /** A refusal with its code and explanation. */
    public static CommandResult refused(String error, String message) {
        return new CommandResult(false, error, message);
    }

    /** {@code "ok"}, or {@code "error: message"}, for logs and command-line output. */
    @JsonIgnore
    public String describe() {
        return ok ? "ok" : error + ": " + message;
    }
}
