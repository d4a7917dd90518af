package io.joysync.joystream.orion;

/**
 * A storage data object as Orion indexes it.
 *
 * @param accepted true once a storage operator accepted the uploaded file on chain
 * @param ipfsHash the content id the chain expects
 */
public record OrionDataObject(long id, boolean accepted, long size, String ipfsHash) {}
