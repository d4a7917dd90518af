package io.joysync.joystream.call;

/**
 * Pallet and call indices of Joystream runtime spec 2004 / transaction version 2, from the runtime
 * metadata. A runtime upgrade that changes them also changes the transaction version, which the
 * signing payload carries, so stale indices are rejected by the chain rather than misread.
 */
public final class Pallets {
  public static final int UTILITY = 1;
  public static final int BALANCES = 5;
  public static final int MEMBERS = 21;
  public static final int CONTENT = 26;
  public static final int STORAGE = 27;

  public static final int UTILITY_BATCH = 0;
  public static final int UTILITY_BATCH_ALL = 2;
  public static final int UTILITY_FORCE_BATCH = 4;
  public static final int BALANCES_TRANSFER = 0;
  public static final int MEMBERS_BUY_MEMBERSHIP = 0;
  public static final int CONTENT_CREATE_CHANNEL = 5;
  public static final int CONTENT_UPDATE_CHANNEL = 6;
  public static final int CONTENT_CREATE_VIDEO = 12;
  public static final int CONTENT_UPDATE_VIDEO = 13;
  public static final int CONTENT_DELETE_VIDEO = 14;

  private Pallets() {}
}
