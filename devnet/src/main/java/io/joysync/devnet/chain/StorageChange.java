package io.joysync.devnet.chain;

/** One storage item a block wrote: its key and its new encoded value (null: removed). */
public record StorageChange(byte[] key, byte[] value) {}
