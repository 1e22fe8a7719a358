"""A lab-style MUG experiment for Rollscope's end-to-end tests (ours; MUG itself is unmodified).

Scenes: a static start scene, a two-human P2P GymScene on the deterministic
``collect_env.py``, and an end scene. Run with Debian's python3 and MUG's directory plus
our stand-ins on PYTHONPATH (the e2e harness does this):

    python3 rollscope_e2e_experiment.py --host 127.0.0.1 --port 0 --ready-file F \
        [--experiment-id ID] [--fps 30] [--max-steps 150] [--episodes 2] [--input-delay 2] \
        [--max-p2p-rtt-ms N]

``--port 0`` picks a free port on the host and writes it to the ready file as JSON
(``{"url": ..., "port": ..., "pid": ...}``) just before MUG starts serving; the harness
waits until the URL answers. The probe snippet comes from the environment:
ROLLSCOPE_PROBE_SNIPPET (the HTML itself) or ROLLSCOPE_PROBE_SNIPPET_FILE; empty means
no probe. ROLLSCOPE_PROBE_SCENES (default ``start``) says which scene bodies carry it:
a comma list of ``start``, ``game``, ``end``.
"""
from __future__ import annotations

import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
from pathlib import Path  # noqa: E402

from mug.configurations import configuration_constants, experiment_config  # noqa: E402
from mug.scenes import gym_scene, stager, static_scene  # noqa: E402
from mug.server import app  # noqa: E402
from mug.server.matchmaker import FIFOMatchmaker  # noqa: E402

HERE = Path(__file__).resolve().parent
START_SCENE_ID = "rollscope_start"
GAME_SCENE_ID = "rollscope_collect"
END_SCENE_ID = "rollscope_end"
# Headers the harness waits for (ParticipantPage.waitForScene reads #sceneHeader).
START_HEADER = "Rollscope e2e: start"
GAME_HEADER = "Rollscope e2e: collect"
END_HEADER = "Rollscope e2e: done"
ACTIONS = {"ArrowUp": 0, "ArrowDown": 1, "ArrowLeft": 2, "ArrowRight": 3}
NOOP = 4


def probe_snippet() -> str:
    snippet = os.environ.get("ROLLSCOPE_PROBE_SNIPPET", "")
    path = os.environ.get("ROLLSCOPE_PROBE_SNIPPET_FILE", "")
    if not snippet and path:
        snippet = Path(path).read_text(encoding="utf-8")
    return snippet


def body(text: str, scene: str, snippet: str, scenes_with_probe: set[str]) -> str:
    html = f"<center><p>{text}</p></center>"
    return html + snippet if scene in scenes_with_probe else html


def build_stager(args, snippet: str, scenes_with_probe: set[str]):
    start = (
        static_scene.StartScene()
        .scene(scene_id=START_SCENE_ID, experiment_config={})
        .display(scene_header=START_HEADER,
                 scene_body=body("Two collectors: press continue.", "start", snippet, scenes_with_probe))
    )
    matchmaker = FIFOMatchmaker(max_p2p_rtt_ms=args.max_p2p_rtt_ms) if args.max_p2p_rtt_ms else FIFOMatchmaker()
    game = (
        gym_scene.GymScene()
        .scene(scene_id=GAME_SCENE_ID, experiment_config={})
        .policies(policy_mapping={0: configuration_constants.PolicyTypes.Human,
                                  1: configuration_constants.PolicyTypes.Human})
        .rendering(fps=args.fps, game_width=480, game_height=320, background="#f4f4f4")
        .gameplay(default_action=NOOP, action_mapping=ACTIONS, num_episodes=args.episodes,
                  max_steps=args.max_steps, input_mode=configuration_constants.InputModes.SingleKeystroke)
        .content(scene_header=GAME_HEADER,
                 scene_body=body("Press start to find a partner.", "game", snippet, scenes_with_probe),
                 in_game_scene_body="<center><p>Collect the coins with the arrow keys.</p></center>")
        .waitroom(timeout=300000, timeout_message="No partner was found.")
        .runtime(environment_initialization_code_filepath=str(HERE / "collect_env.py"),
                 packages_to_install=["numpy"])
        .multiplayer(input_delay=args.input_delay, matchmaker=matchmaker,
                     pause_on_partner_background=False, focus_loss_timeout_ms=0)
    )
    end = (
        static_scene.EndScene()
        .scene(scene_id=END_SCENE_ID, experiment_config={})
        .display(scene_header=END_HEADER,
                 scene_body=body("Thank you.", "end", snippet, scenes_with_probe))
    )
    return stager.Stager(scenes=[start, game, end])


def free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True, help="address to bind (explicit: never 0.0.0.0 by default)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ready-file", required=True)
    parser.add_argument("--experiment-id", default="rollscope_e2e")
    parser.add_argument("--fps", type=int, default=30)
    parser.add_argument("--max-steps", type=int, default=150)
    parser.add_argument("--episodes", type=int, default=2)
    parser.add_argument("--input-delay", type=int, default=2)
    parser.add_argument("--max-p2p-rtt-ms", type=int, default=0, help="0 = no P2P RTT probe before matching")
    args = parser.parse_args()

    snippet = probe_snippet()
    scenes_with_probe = {s.strip() for s in os.environ.get("ROLLSCOPE_PROBE_SCENES", "start").split(",") if s.strip()}
    port = args.port or free_port(args.host)
    config = (
        experiment_config.ExperimentConfig()
        .experiment(stager=build_stager(args, snippet, scenes_with_probe), experiment_id=args.experiment_id)
        .hosting(port=port, host=args.host)
        .entry_screening(browser_requirements=["Chrome"], browser_blocklist=[], max_ping=1000)
        .webrtc(force_relay=False)
    )
    ready = {"url": f"http://{args.host}:{port}", "port": port, "pid": os.getpid(),
             "experiment_id": args.experiment_id, "probe": bool(snippet)}
    tmp = Path(args.ready_file + ".tmp")
    tmp.write_text(json.dumps(ready))
    tmp.replace(args.ready_file)
    app.run(config)


if __name__ == "__main__":
    main()
