package org.rollscope.app;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values that commands share, each failing as a usage error (exit 2) naming the option, before
 * anything starts: a server URL, a local bind address, a file whose directory must already exist.
 */
final class CliChecks {

    private CliChecks() {
    }

    /** {@code value} must be an http or https URL with a host, e.g. {@code http://127.0.0.1:8765}. */
    static String httpUrl(CommandSpec spec, String option, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), option + " must be an http:// or https:// URL, got '"
                    + value + "'");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new ParameterException(spec.commandLine(), option + " must be an http:// or https:// URL with a"
                    + " host, e.g. http://127.0.0.1:8765, got '" + value + "'");
        }
        return value;
    }

    /** {@code host} must name an address of this machine (or the wildcard), so a UDP socket can bind it. */
    static void localAddress(CommandSpec spec, String option, String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                throw new ParameterException(spec.commandLine(), option + " " + host
                        + " is not an address of this machine");
            }
        } catch (UnknownHostException | SocketException e) {
            throw new ParameterException(spec.commandLine(), option + " " + host + " is not a known host");
        }
    }

    /** The directory {@code file} goes into must exist; nothing is created for it. */
    static void parentExists(CommandSpec spec, String option, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ParameterException(spec.commandLine(), option + " " + file + ": the directory " + parent
                    + " does not exist");
        }
    }
}
