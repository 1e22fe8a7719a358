package org.rollscope.netcode.json;

/**
 * What one client value may be: how deep its containers nest, how many bytes its JSON encoding takes in UTF-8
 * (binary attachments count their length), how many members an object and items an array may have, and how many
 * values it holds in all. {@link JsonReader} refuses a value over any of them before building more of it.
 *
 * @param maxDepth containers inside containers; a scalar is depth 0, {@code {}} depth 1
 * @param maxBytes encoded size in UTF-8 bytes, exactly as {@link JsonWriter} would write it
 * @param maxMembers members of one object
 * @param maxItems items of one array
 * @param maxValues values in the whole tree (containers and scalars)
 */
public record JsonLimits(int maxDepth, long maxBytes, int maxMembers, int maxItems, int maxValues) {

    /** The relay's event limits (docs/relay-protocol.md, "Limits"): far above what any peer or MUG page sends. */
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_MEMBERS = 512;
    public static final int DEFAULT_MAX_ITEMS = 8192;
    public static final int DEFAULT_MAX_VALUES = 20_000;

    public JsonLimits {
        if (maxDepth < 0 || maxBytes < 1 || maxMembers < 0 || maxItems < 0 || maxValues < 1) {
            throw new IllegalArgumentException("bad JSON limits: depth " + maxDepth + ", bytes " + maxBytes
                    + ", members " + maxMembers + ", items " + maxItems + ", values " + maxValues);
        }
    }

    /** The default depth and counts with a byte limit. */
    public static JsonLimits ofBytes(long maxBytes) {
        return new JsonLimits(DEFAULT_MAX_DEPTH, maxBytes, DEFAULT_MAX_MEMBERS, DEFAULT_MAX_ITEMS, DEFAULT_MAX_VALUES);
    }
}
