package org.rollscope.netcode.engine;

/** Which path a remote input came by, for the {@code inputs_recv_p2p} / {@code inputs_recv_relay} counters. */
public enum InputPath { P2P, RELAY }
