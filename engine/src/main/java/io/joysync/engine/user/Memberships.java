package io.joysync.engine.user;

import io.joysync.engine.serialization.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The memberships a user got through the faucet and the requests still open, which is what the
 * per-user limit counts: every recorded member and every request whose outcome is not known yet. A
 * request is identified by its handle and account; trying it again counts another attempt, never
 * another slot.
 */
public record Memberships(
    List<Long> memberIds, List<OpenRequest> openRequests, List<Requested> requested)
    implements CborSerializable {

  static final Memberships NONE = new Memberships(List.of(), List.of(), List.of());

  /** A request that holds a slot until its member is recorded or it is released. */
  public record OpenRequest(String handle, String account, int attempts, Instant requestedAt)
      implements CborSerializable {
    boolean is(String handle, String account) {
      return this.handle.equals(handle) && this.account.equals(account);
    }
  }

  /** A member bought for a request. */
  public record Requested(String handle, String account, long memberId)
      implements CborSerializable {}

  public Memberships {
    memberIds = List.copyOf(memberIds);
    openRequests = List.copyOf(openRequests);
    requested = List.copyOf(requested);
  }

  int slotsTaken() {
    return memberIds.size() + openRequests.size();
  }

  Optional<OpenRequest> openRequest(String handle, String account) {
    return openRequests.stream().filter(r -> r.is(handle, account)).findFirst();
  }

  Optional<Requested> requested(String handle, String account) {
    return requested.stream()
        .filter(m -> m.handle().equals(handle) && m.account().equals(account))
        .findFirst();
  }

  /**
   * Why a new request is refused: youtube-synch's sentence, naming the requests still open when
   * there are any.
   */
  String limitReached(String userId) {
    String created = memberIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    if (openRequests.isEmpty()) {
      return "Already created Joysteam memberships " + created + " for user " + userId;
    }
    String open = openRequests.stream().map(OpenRequest::handle).collect(Collectors.joining(", "));
    String retry = " (send the same request again to finish one)";
    return memberIds.isEmpty()
        ? "Still creating Joystream memberships with handles "
            + open
            + " for user "
            + userId
            + retry
        : "Already created Joysteam memberships "
            + created
            + " for user "
            + userId
            + " and still creating memberships with handles "
            + open
            + retry;
  }

  /** A member recorded without a request (the journal of earlier versions). */
  Memberships record(long memberId) {
    return new Memberships(withMember(memberId), openRequests, requested);
  }

  /** A new request, or one more attempt of an open one. */
  Memberships request(String handle, String account, Instant at) {
    List<OpenRequest> open = new ArrayList<>();
    boolean retried = false;
    for (OpenRequest r : openRequests) {
      if (r.is(handle, account)) {
        open.add(new OpenRequest(handle, account, r.attempts() + 1, r.requestedAt()));
        retried = true;
      } else {
        open.add(r);
      }
    }
    if (!retried) {
      open.add(new OpenRequest(handle, account, 1, at));
    }
    return new Memberships(memberIds, open, requested);
  }

  Memberships fulfil(String handle, String account, long memberId) {
    List<Requested> done = new ArrayList<>(requested);
    if (requested(handle, account).isEmpty()) {
      done.add(new Requested(handle, account, memberId));
    }
    return new Memberships(withMember(memberId), without(handle, account), done);
  }

  Memberships release(String handle, String account) {
    return new Memberships(memberIds, without(handle, account), requested);
  }

  private List<Long> withMember(long memberId) {
    List<Long> ids = new ArrayList<>(memberIds);
    if (!ids.contains(memberId)) {
      ids.add(memberId);
    }
    return ids;
  }

  private List<OpenRequest> without(String handle, String account) {
    return openRequests.stream().filter(r -> !r.is(handle, account)).toList();
  }
}
