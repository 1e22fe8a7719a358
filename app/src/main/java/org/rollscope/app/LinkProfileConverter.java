package org.rollscope.app;

import org.rollscope.netcode.transport.LinkProfile;
import picocli.CommandLine;

/**
 * Lets a command take a whole link as one option: {@code @Option(names = "--link", converter =
 * LinkProfileConverter.class) LinkProfile link;} accepts {@code --link latency=80,jitter=20,loss=0.1}. Bad text is
 * reported by picocli as a usage error (exit 2) with {@link LinkProfile#parse}'s message, which names the bad key or
 * value.
 */
public final class LinkProfileConverter implements CommandLine.ITypeConverter<LinkProfile> {
    @Override
    public LinkProfile convert(String value) {
        try {
            return LinkProfile.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
