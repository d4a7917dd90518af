package io.joysync.engine.youtube.quota;

/**
 * Why a Data API call is made. Sign-ups draw on a reserve so that a day of heavy syncing never
 * locks creators out of signing up; everything else is sync. A sync call that a person waits for
 * (reading the owner's channel during {@code POST /channels}, an operator adding a channel) draws
 * on the sync budget too, but is refused at once when that is spent instead of waiting for the next
 * day. Discovery's calls (details of new videos, confirming a terminated channel) draw on the sync
 * budget and are refused at once too: discovery keeps what it found recorded and asks again later,
 * instead of holding calls in memory until the reset.
 */
public enum QuotaPurpose {
  SIGNUP,
  SYNC,
  SYNC_ON_REQUEST,
  DISCOVERY;

  /** The budget, and the ledger's counter, the call draws on: {@link #SIGNUP} or {@link #SYNC}. */
  public QuotaPurpose budget() {
    return this == SIGNUP ? SIGNUP : SYNC;
  }

  /** Whether a call the day's budget cannot admit waits for the next Pacific-time day. */
  public boolean waitsForNextDay() {
    return this == SYNC;
  }
}
