package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.transport.LinkProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class LinkProfileConverterTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Option(names = "--link", converter = LinkProfileConverter.class)
        LinkProfile link = LinkProfile.PERFECT;

        @Override
        public void run() {}
    }

    @Test
    void optionTakesAWholeLink() {
        Probe probe = new Probe();
        int code = new CommandLine(probe).execute("--link", "latency=80,jitter=20,loss=0.1,dup=0.01,bw=512");
        assertEquals(0, code);
        assertEquals(new LinkProfile(80, 20, 0.1, 0.01, 0, 512), probe.link);
    }

    @Test
    void badLinkIsAUsageErrorNamingTheKey() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Probe());
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("--link", "latency=80,delay=5");
        assertEquals(2, code);
        assertTrue(err.toString().contains("delay"), err.toString());
    }
}
