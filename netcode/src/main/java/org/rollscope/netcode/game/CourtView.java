package org.rollscope.netcode.game;

/**
 * A read-only copy of the reference game's state for drawing, e.g. by the console. All lengths in subpixels
 * ({@link Court#SUBPX_PER_PX} per pixel), y up from the ground; the court's fixed dimensions are copied in so that a
 * view needs nothing else to draw a frame.
 *
 * @param frame frames stepped since the episode's reset
 * @param score0 points won by player 0 (left half)
 * @param score1 points won by player 1 (right half)
 * @param ballXSubpx ball centre x
 * @param ballYSubpx ball centre y
 * @param slime0XSubpx centre of player 0's slime's flat side, x
 * @param slime0YSubpx centre of player 0's slime's flat side, y (0 when standing)
 * @param slime1XSubpx centre of player 1's slime's flat side, x
 * @param slime1YSubpx centre of player 1's slime's flat side, y (0 when standing)
 * @param terminal a player reached the points target
 * @param truncated the frame limit was reached first
 * @param widthSubpx court width
 * @param heightSubpx ceiling height
 * @param netHeightSubpx height of the net's top
 * @param netHalfWidthSubpx half the net's thickness, either side of x = widthSubpx / 2
 * @param slimeRadiusSubpx slime half-disc radius
 * @param ballRadiusSubpx ball radius
 */
public record CourtView(
        int frame, int score0, int score1,
        int ballXSubpx, int ballYSubpx,
        int slime0XSubpx, int slime0YSubpx, int slime1XSubpx, int slime1YSubpx,
        boolean terminal, boolean truncated,
        int widthSubpx, int heightSubpx, int netHeightSubpx, int netHalfWidthSubpx,
        int slimeRadiusSubpx, int ballRadiusSubpx) {
}
