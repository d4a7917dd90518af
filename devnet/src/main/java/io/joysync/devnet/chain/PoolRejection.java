package io.joysync.devnet.chain;

/**
 * Why a node refused a submitted extrinsic, as the JSON-RPC error it answers with: the author API
 * codes of Substrate (1001 bad format, 1010 invalid, 1011 unknown validity, 1012 banned, 1013
 * already imported, 1014 priority too low, 1016 immediately dropped) with the same message and data
 * texts.
 */
public final class PoolRejection extends RuntimeException {
  private final int code;
  private final String data;
  private final boolean stale;

  private PoolRejection(int code, String message, String data, boolean stale) {
    super(message, null, false, false);
    this.code = code;
    this.data = data;
    this.stale = stale;
  }

  public int code() {
    return code;
  }

  public String data() {
    return data;
  }

  /** True for a nonce below the account's: the only invalidity a later block cannot cure. */
  public boolean stale() {
    return stale;
  }

  public static PoolRejection badFormat(String detail) {
    return new PoolRejection(1001, "Extrinsic has invalid format: " + detail, null, false);
  }

  private static PoolRejection invalid(String data) {
    return new PoolRejection(1010, "Invalid Transaction", data, false);
  }

  public static PoolRejection outdated() {
    return new PoolRejection(1010, "Invalid Transaction", "Transaction is outdated", true);
  }

  public static PoolRejection badProof() {
    return invalid("Transaction has a bad signature");
  }

  public static PoolRejection ancientBirthBlock() {
    return invalid("Transaction has an ancient birth block");
  }

  public static PoolRejection payment() {
    return invalid("Inability to pay some fees (e.g. account balance too low)");
  }

  public static PoolRejection exhaustsResources() {
    return invalid("Transaction would exhaust the block limits");
  }

  public static PoolRejection call() {
    return invalid("Transaction call is not expected");
  }

  public static PoolRejection badSigner() {
    return invalid("Invalid signing address");
  }

  /** Used by the fault switch that makes the node answer "invalid" for every submission. */
  public static PoolRejection custom(String data) {
    return invalid(data);
  }

  public static PoolRejection noUnsignedValidator() {
    return new PoolRejection(
        1011,
        "Unknown Transaction Validity",
        "Could not find an unsigned validator for the unsigned transaction",
        false);
  }

  public static PoolRejection temporarilyBanned() {
    return new PoolRejection(1012, "Transaction is temporarily banned", null, false);
  }

  public static PoolRejection alreadyImported() {
    return new PoolRejection(1013, "Transaction Already Imported", null, false);
  }

  public static PoolRejection tooLowPriority(long old, long next) {
    return new PoolRejection(
        1014,
        "Priority is too low: (" + old + " vs " + next + ")",
        "The transaction has too low priority to replace another transaction already in the pool.",
        false);
  }

  public static PoolRejection immediatelyDropped() {
    return new PoolRejection(
        1016,
        "Immediately Dropped",
        "The transaction couldn't enter the pool because of the limit",
        false);
  }
}
