package io.joysync.devnet.chain;

/**
 * The module errors of the runtime (spec 2004) that the devnet's calls can raise, with their real
 * pallet and variant indices as the V14 metadata lists them.
 */
final class Errors {
  private Errors() {}

  static final DispatchError CHANNEL_STATE_BLOAT_BOND_CHANGED =
      DispatchError.content(0, "ChannelStateBloatBondChanged");
  static final DispatchError VIDEO_STATE_BLOAT_BOND_CHANGED =
      DispatchError.content(1, "VideoStateBloatBondChanged");
  static final DispatchError MAX_COLLABORATORS =
      DispatchError.content(4, "MaxNumberOfChannelCollaboratorsExceeded");
  static final DispatchError MAX_CHANNEL_ASSETS =
      DispatchError.content(5, "MaxNumberOfChannelAssetsExceeded");
  static final DispatchError MAX_VIDEO_ASSETS =
      DispatchError.content(6, "MaxNumberOfVideoAssetsExceeded");
  static final DispatchError INVALID_BUCKETS_WITNESS =
      DispatchError.content(10, "InvalidStorageBucketsNumWitnessProvided");
  static final DispatchError MISSING_BUCKETS_WITNESS =
      DispatchError.content(11, "MissingStorageBucketsNumWitness");
  static final DispatchError CHANNEL_OWNER_MEMBER_DOES_NOT_EXIST =
      DispatchError.content(12, "ChannelOwnerMemberDoesNotExist");
  static final DispatchError MEMBER_AUTH_FAILED = DispatchError.content(23, "MemberAuthFailed");
  static final DispatchError ACTOR_NOT_AUTHORIZED = DispatchError.content(26, "ActorNotAuthorized");
  static final DispatchError CHANNEL_DOES_NOT_EXIST =
      DispatchError.content(28, "ChannelDoesNotExist");
  static final DispatchError VIDEO_DOES_NOT_EXIST = DispatchError.content(29, "VideoDoesNotExist");
  static final DispatchError ACTOR_CANNOT_OWN_CHANNEL =
      DispatchError.content(32, "ActorCannotOwnChannel");
  static final DispatchError CHANNEL_CONTAINS_VIDEOS =
      DispatchError.content(84, "ChannelContainsVideos");
  static final DispatchError INVALID_MEMBER_PROVIDED =
      DispatchError.content(91, "InvalidMemberProvided");
  static final DispatchError CHANNEL_FEATURE_PAUSED =
      DispatchError.content(103, "ChannelFeaturePaused");
  static final DispatchError INVALID_VIDEO_OBJECTS_COUNT =
      DispatchError.content(106, "InvalidVideoDataObjectsCountProvided");
  static final DispatchError INVALID_CHANNEL_TRANSFER_STATUS =
      DispatchError.content(107, "InvalidChannelTransferStatus");
  static final DispatchError INSUFFICIENT_PERMISSIONS =
      DispatchError.content(110, "ChannelAgentInsufficientPermissions");
  static final DispatchError INSUFFICIENT_BALANCE_FOR_CHANNEL =
      DispatchError.content(114, "InsufficientBalanceForChannelCreation");
  static final DispatchError INSUFFICIENT_BALANCE_FOR_VIDEO =
      DispatchError.content(115, "InsufficientBalanceForVideoCreation");

  static final DispatchError INVALID_CID_LENGTH = DispatchError.storage(1, "InvalidCidLength");
  static final DispatchError NO_OBJECTS_ON_UPLOAD = DispatchError.storage(2, "NoObjectsOnUpload");
  static final DispatchError STORAGE_BUCKET_DOESNT_EXIST =
      DispatchError.storage(3, "StorageBucketDoesntExist");
  static final DispatchError STORAGE_BUCKET_NOT_BOUND =
      DispatchError.storage(4, "StorageBucketIsNotBoundToBag");
  static final DispatchError BUCKETS_VIOLATE_POLICY =
      DispatchError.storage(12, "StorageBucketsNumberViolatesDynamicBagCreationPolicy");
  static final DispatchError EMPTY_CONTENT_ID = DispatchError.storage(14, "EmptyContentId");
  static final DispatchError ZERO_OBJECT_SIZE = DispatchError.storage(15, "ZeroObjectSize");
  static final DispatchError INVALID_STORAGE_PROVIDER =
      DispatchError.storage(17, "InvalidStorageProvider");
  static final DispatchError STORAGE_INSUFFICIENT_BALANCE =
      DispatchError.storage(18, "InsufficientBalance");
  static final DispatchError DATA_OBJECT_DOESNT_EXIST =
      DispatchError.storage(19, "DataObjectDoesntExist");
  static final DispatchError UPLOADING_BLOCKED = DispatchError.storage(20, "UploadingBlocked");
  static final DispatchError DATA_OBJECT_BLACKLISTED =
      DispatchError.storage(23, "DataObjectBlacklisted");
  static final DispatchError BUCKET_OBJECT_NUMBER_LIMIT =
      DispatchError.storage(27, "StorageBucketObjectNumberLimitReached");
  static final DispatchError BUCKET_OBJECT_SIZE_LIMIT =
      DispatchError.storage(28, "StorageBucketObjectSizeLimitReached");
  static final DispatchError BUCKET_DOESNT_ACCEPT_BAGS =
      DispatchError.storage(35, "StorageBucketDoesntAcceptNewBags");
  static final DispatchError DYNAMIC_BAG_DOESNT_EXIST =
      DispatchError.storage(37, "DynamicBagDoesntExist");
  static final DispatchError DATA_SIZE_FEE_CHANGED =
      DispatchError.storage(39, "DataSizeFeeChanged");
  static final DispatchError DATA_OBJECT_BOND_CHANGED =
      DispatchError.storage(40, "DataObjectStateBloatBondChanged");
  static final DispatchError MAX_DATA_OBJECT_SIZE =
      DispatchError.storage(60, "MaxDataObjectSizeExceeded");

  static final DispatchError NOT_ENOUGH_BALANCE_FOR_MEMBERSHIP =
      DispatchError.members(0, "NotEnoughBalanceToBuyMembership");
  static final DispatchError HANDLE_ALREADY_REGISTERED =
      DispatchError.members(5, "HandleAlreadyRegistered");
  static final DispatchError HANDLE_REQUIRED =
      DispatchError.members(6, "HandleMustBeProvidedDuringRegistration");
  static final DispatchError REFERRER_IS_NOT_MEMBER =
      DispatchError.members(7, "ReferrerIsNotMember");

  static final DispatchError INSUFFICIENT_BALANCE =
      DispatchError.balances(2, "InsufficientBalance");
  static final DispatchError EXISTENTIAL_DEPOSIT = DispatchError.balances(3, "ExistentialDeposit");
  static final DispatchError KEEP_ALIVE = DispatchError.balances(4, "KeepAlive");

  static final DispatchError TOO_MANY_CALLS =
      DispatchError.module(DispatchError.UTILITY, 0, "TooManyCalls");
}
