package io.joysync.engine.youtube.quota;

/**
 * Why a Data API call is made. Sign-ups draw on a reserve so that a day of heavy syncing never
 * locks creators out of signing up; everything else is sync.
 */
public enum QuotaPurpose {
  SIGNUP,
  SYNC
}
