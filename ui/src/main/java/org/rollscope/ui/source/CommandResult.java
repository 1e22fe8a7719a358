package org.rollscope.ui.source;

/**
 * A command's acknowledgement: {@code {ok: true}} or {@code {ok: false, error}} (telemetry.md §3).
 *
 * @param ok true when the peer(s) acknowledged the command
 * @param error plain reason when not ok (refused, timed out, unsupported by this source); empty when ok
 */
public record CommandResult(boolean ok, String error) {

    public CommandResult {
        error = error == null ? "" : error;
    }

    public static CommandResult success() {
        return new CommandResult(true, "");
    }

    public static CommandResult failed(String error) {
        return new CommandResult(false, error == null || error.isBlank() ? "failed without a reason" : error);
    }
}
