package io.joysync.engine.publish;

import java.util.Set;

/**
 * What a dispatch error of a create_video batch means for the videos in it. The chain reports one
 * error for a whole {@code batch_all}; this tells whether the videos can be signed again as they
 * are (the chain's values changed under them), whether the account cannot pay, whether the account
 * is not the member's controller, or whether one video is at fault.
 */
final class ChainErrors {
  enum Kind {
    /** A bond, fee or bucket witness changed between reading and execution: sign again. */
    REFRESH,
    /** The account cannot pay the bonds and fees: pause the account. */
    LOW_FUNDS,
    /** The key is not the member's controller account: no video of this account can succeed. */
    ACCOUNT_AUTH,
    /** One video is at fault; the others may be fine. */
    ITEM
  }

  private static final Set<String> REFRESH =
      Set.of(
          "Content.VideoStateBloatBondChanged",
          "Storage.DataSizeFeeChanged",
          "Storage.DataObjectStateBloatBondChanged",
          "Content.InvalidStorageBucketsNumWitnessProvided",
          "Content.InvalidChannelBagWitnessProvided");

  private static final Set<String> LOW_FUNDS =
      Set.of(
          "Content.InsufficientBalanceForVideoCreation",
          "Content.InsufficientBalance",
          "Storage.InsufficientBalance",
          "Balances.InsufficientBalance",
          "Balances.KeepAlive",
          "Balances.ExistentialDeposit",
          "Token(NoFunds)",
          "Token(FundsUnavailable)");

  private static final Set<String> ACCOUNT_AUTH = Set.of("Content.MemberAuthFailed");

  /** Item errors that may pass later (a full bucket gets room, a paused channel resumes). */
  private static final Set<String> RETRYABLE_ITEM =
      Set.of(
          "Storage.StorageBucketObjectSizeLimitReached",
          "Storage.StorageBucketObjectNumberLimitReached",
          "Storage.UploadingBlocked",
          "Content.ChannelFeaturePaused",
          "Content.InvalidChannelTransferStatus",
          "Content.ChannelTransfersBlockedDuringRevenueSplits",
          "Content.ChannelTransfersBlockedDuringTokenSales",
          "Content.ChannelTransfersBlockedDuringActiveAmm");

  private ChainErrors() {}

  static Kind kind(String error) {
    if (REFRESH.contains(error)) {
      return Kind.REFRESH;
    }
    if (LOW_FUNDS.contains(error)) {
      return Kind.LOW_FUNDS;
    }
    if (ACCOUNT_AUTH.contains(error)) {
      return Kind.ACCOUNT_AUTH;
    }
    return Kind.ITEM;
  }

  /** Whether a video refused with this item error may be created later. */
  static boolean retryable(String error) {
    return RETRYABLE_ITEM.contains(error);
  }
}
