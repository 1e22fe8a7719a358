package org.rollscope.netcode.mug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each answer of MUG's login form means, and where the password comes from (no server needed). */
class MugLoginTest {
    private final MugLogin login = new MugLogin(URI.create("http://lab:5702"));

    @Test
    void aRedirectWithEitherCookieIsSuccessAndOnlyTheNameValuePairsAreKept() throws Exception {
        assertEquals("session=abc; remember_token=r1", login.cookieOrExplain(302,
                List.of("session=abc; HttpOnly; Path=/", "theme=dark", "remember_token=r1; Expires=x; Path=/"),
                "text/html", ""));
        assertEquals("remember_token=r1", login.cookieOrExplain(302, List.of("remember_token=r1"), "", ""));
        assertEquals(Map.of(), MugLogin.authCookies(List.of("session=; Path=/", "session=\"\"", "junk")));
    }

    @Test
    void aRedirectWithoutASessionCookieIsNotMug() {
        MugConnectException e = assertThrows(MugConnectException.class,
                () -> login.cookieOrExplain(302, List.of("theme=dark"), "text/html", ""));
        assertEquals(MugConnectException.Reason.NOT_MUG, e.reason());
        assertTrue(e.getMessage().contains("without a session cookie"), e.getMessage());
    }

    @Test
    void invalidPasswordPageIsAWrongPassword() {
        MugConnectException e = assertThrows(MugConnectException.class, () -> login.cookieOrExplain(200, List.of(),
                "text/html; charset=utf-8", "<p class=error>Invalid password</p>"));
        assertEquals(MugConnectException.Reason.WRONG_PASSWORD, e.reason());
        assertEquals("wrong admin password for the MUG server at http://lab:5702", e.getMessage());
    }

    @Test
    void otherAnswersAreNotMugEachSayingWhy() {
        assertEquals("http://lab:5702 does not look like a MUG server: its login page did not accept the form "
                + "(no redirect, no \"Invalid password\")", notMug(200, "text/html", "<h1>Welcome</h1>"));
        assertTrue(notMug(500, "text/html", "oops").endsWith("its login answered HTTP 500"));
        assertTrue(notMug(200, "application/json", "{}").endsWith("HTTP 200 (not an HTML page)"));
        assertTrue(notMug(429, "text/html", "slow down").contains("too many attempts"));
        assertTrue(notMug(404, "text/html", "").contains("HTTP 404"));
    }

    private String notMug(int status, String type, String body) {
        MugConnectException e = assertThrows(MugConnectException.class,
                () -> login.cookieOrExplain(status, List.of(), type, body));
        assertEquals(MugConnectException.Reason.NOT_MUG, e.reason());
        return e.getMessage();
    }

    @Test
    void thePasswordComesFromTheFileElseTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, " s3cret \nignored\n");
        assertEquals(" s3cret ", MugPassword.resolve(file, Map.of(MugPassword.ENV, "env")), "spaces kept");
        assertEquals("env", MugPassword.resolve(null, Map.of(MugPassword.ENV, "env")));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> MugPassword.resolve(null, Map.of()));
        assertTrue(none.getMessage().contains("--password-file") && none.getMessage().contains("ADMIN_PASSWORD"));
        Files.writeString(file, "\n");
        assertThrows(IllegalArgumentException.class, () -> MugPassword.resolve(file, Map.of()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> MugPassword.resolve(dir.resolve("nope"), Map.of()));
        assertTrue(missing.getMessage().contains("cannot read the password file"), missing.getMessage());
    }

    @Test
    void baseUrlsAreNormalisedAndCheckedKeepingAPathPrefix() {
        assertEquals("http://lab:5702", MugAdminClient.baseUri("http://lab:5702/").toString());
        assertEquals("https://lab.org/mug", MugAdminClient.baseUri(" https://lab.org/mug// ").toString());
        assertThrows(IllegalArgumentException.class, () -> MugAdminClient.baseUri("lab:5702"));
        assertThrows(IllegalArgumentException.class, () -> MugAdminClient.baseUri("ws://lab:5702"));
    }
}
