package io.joysync.engine.publish;

import io.joysync.engine.serialization.CborSerializable;
import io.joysync.joystream.content.VideoFacts;

/**
 * One YouTube video to register on Joystream: the facts for its metadata and its two assets (the
 * media first, the thumbnail second, so the metadata's asset indices are 0 and 1).
 */
public record VideoToCreate(
    String ytVideoId,
    long joystreamChannelId,
    VideoFacts metadata,
    AssetFacts media,
    AssetFacts thumbnail)
    implements CborSerializable {}
