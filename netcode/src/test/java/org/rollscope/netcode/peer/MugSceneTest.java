package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The GymScene metadata a MUG server sends (values as the e2e experiment's activate_scene carried them). */
class MugSceneTest {

    private static JSONObject twoHumans() {
        return new JSONObject().put("scene_id", "rollscope_collect").put("scene_type", "GymScene").put("fps", 30)
                .put("input_delay", 2).put("num_episodes", 2).put("max_steps", 150).put("default_action", 4)
                .put("policy_mapping", new JSONObject().put("0", "human").put("1", "human"))
                .put("action_mapping", new JSONObject().put("ArrowUp", 0).put("ArrowDown", 1).put("ArrowLeft", 2)
                        .put("ArrowRight", 3))
                .put("game_has_composite_actions", false);
    }

    @Test
    void aTwoHumanSceneGivesItsSettingsAndActionSpace() throws Exception {
        assertEquals(new MugScene("rollscope_collect", 30, 2, 2, 150, 5, 4), MugScene.parse(twoHumans()));
    }

    @Test
    void maxStepsMayComeAsAFloat() throws Exception {
        assertEquals(10_000, MugScene.parse(twoHumans().put("max_steps", 1e4)).maxSteps(), "MUG's default is 1e4");
    }

    @Test
    void scenesItCannotPlayAreRefusedWithTheReason() {
        assertRefused(twoHumans().put("policy_mapping", new JSONObject().put("0", "human").put("1", "human")
                .put("2", "human")), "3 seats");
        assertRefused(twoHumans().put("policy_mapping", new JSONObject().put("0", "human").put("1", "model.onnx")),
                "two-human");
        assertRefused(twoHumans().put("game_has_composite_actions", true), "composite");
        assertRefused(twoHumans().remove("action_mapping") == null ? null : twoHumans().put("action_mapping",
                new JSONObject()), "action space is unknown");
        assertRefused(twoHumans().put("action_mapping", new JSONObject().put("Space", 11)), "at most 8");
        assertRefused(twoHumans().put("action_mapping", new JSONObject().put("Space", "jump")), "not a non-negative");
        assertRefused(twoHumans().put("fps", 0), "unsupported settings");
    }

    private static void assertRefused(JSONObject scene, String reason) {
        MugScene.Unplayable u = assertThrows(MugScene.Unplayable.class, () -> MugScene.parse(scene));
        assertTrue(u.getMessage().contains(reason), u.getMessage());
    }

    @Test
    void msgpackEncodesWhatMugsPageSends() {
        var data = new java.util.LinkedHashMap<String, Object>();
        data.put("t", java.util.List.of(0, 1, 200, -1, 70_000));
        data.put("ok", true);
        data.put("none", null);
        data.put("x", 0.5);
        assertEquals("84" + "a174" + "95" + "00" + "01" + "d2000000c8" + "ff" + "d200011170"
                        + "a26f6b" + "c3" + "a46e6f6e65" + "c0" + "a178" + "cb3fe0000000000000",
                java.util.HexFormat.of().formatHex(MsgPackWriter.encode(data)));
        assertEquals("d9" + "20", java.util.HexFormat.of().formatHex(MsgPackWriter.encode("a".repeat(32))).substring(0, 4),
                "a 32-byte string takes the str 8 form");
    }
}
