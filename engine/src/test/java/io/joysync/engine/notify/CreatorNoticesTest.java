package io.joysync.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joysync.engine.channel.ChannelEntity;
import io.joysync.engine.channel.ChannelProfile;
import io.joysync.engine.channel.Registration;
import io.joysync.engine.channel.SuspensionReason;
import io.joysync.engine.channel.Tier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreatorNoticesTest {

  static final String CHANNEL = "UCaaaaaaaaaaaaaaaaaaaaaa";
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final CreatorNotices.Contact OWNER =
      new CreatorNotices.Contact("google-1", "creator@example.com", "Alice Bakes", 7);

  final CreatorNotices notices = new CreatorNotices("https://app.example/");
  final NoticeTemplates templates = NoticeTemplates.load(Optional.empty());

  static Registration registration(String userId, String email) {
    ChannelProfile profile =
        new ChannelProfile(
            "Alice Bakes",
            "About",
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            Optional.empty(),
            10,
            3,
            100,
            Optional.empty(),
            Optional.empty());
    return new Registration(
        userId,
        email,
        7,
        Optional.empty(),
        true,
        Optional.empty(),
        Optional.empty(),
        profile,
        Optional.empty(),
        T0);
  }

  @Test
  void aSignUpIsMailedToItsOwnerWithTheJoystreamChannelLink() {
    var notice =
        notices.forChannelEvent(
            CHANNEL,
            1,
            new ChannelEntity.SignedUp(CHANNEL, registration("google-1", "creator@example.com")),
            Optional.empty());

    assertThat(notice).isPresent();
    assertThat(notice.get().kind()).isEqualTo(NoticeKind.SIGNED_UP);
    assertThat(notice.get().recipient()).isEqualTo("creator@example.com");
    assertThat(notice.get().key()).isEqualTo("event-1");
    RenderedMail mail = templates.render(notice.get().kind(), notice.get().values());
    assertThat(mail.subject())
        .isEqualTo("Alice Bakes joined the YouTube Partner Program on Joystream");
    assertThat(mail.body()).contains("https://app.example/channel/7").doesNotContain("{{");
  }

  @Test
  void aChannelAnOperatorAddedHasNoOneToMail() {
    String operatorAdded = Registration.operatorAddedUserId(CHANNEL);
    assertThat(
            notices.forChannelEvent(
                CHANNEL,
                1,
                new ChannelEntity.SignedUp(CHANNEL, registration(operatorAdded, "")),
                Optional.empty()))
        .isEmpty();
    assertThat(
            notices.forChannelEvent(
                CHANNEL,
                2,
                new ChannelEntity.ChannelVerified(CHANNEL, Tier.GOLD, T0),
                Optional.of(new CreatorNotices.Contact(operatorAdded, "", "Alice Bakes", 7))))
        .isEmpty();
  }

  @Test
  void verificationSuspensionAndLeavingCarryTheirTierOrReason() {
    var verified = new ChannelEntity.ChannelVerified(CHANNEL, Tier.GOLD, T0);
    assertThat(CreatorNotices.needsContact(verified)).isTrue();
    RenderedMail v =
        render(notices.forChannelEvent(CHANNEL, 2, verified, Optional.of(OWNER)).orElseThrow());
    assertThat(v.subject()).isEqualTo("Alice Bakes is verified: Gold");

    RenderedMail s =
        render(
            notices
                .forChannelEvent(
                    CHANNEL,
                    3,
                    new ChannelEntity.ChannelSuspended(
                        CHANNEL, SuspensionReason.COPYRIGHT_BREACH, T0),
                    Optional.of(OWNER))
                .orElseThrow());
    assertThat(s.body()).contains("Reason: CopyrightBreach.");

    RenderedMail auto =
        render(
            notices
                .forChannelEvent(
                    CHANNEL,
                    4,
                    new ChannelEntity.AutoOptedOut(
                        CHANNEL, ChannelEntity.AutoOptOutReason.JOYSTREAM_CHANNEL_DELETED, T0),
                    Optional.of(OWNER))
                .orElseThrow());
    assertThat(auto.body()).contains("your Joystream channel was deleted");

    var stopOnly = new ChannelEntity.OwnerOptedOut(CHANNEL, false, T0);
    assertThat(CreatorNotices.needsContact(stopOnly)).isFalse();
    assertThat(notices.forChannelEvent(CHANNEL, 5, stopOnly, Optional.of(OWNER)))
        .as("stopping ingestion is not leaving the program")
        .isEmpty();
    assertThat(
            notices.forChannelEvent(
                CHANNEL,
                6,
                new ChannelEntity.OperatorIngestionSet(CHANNEL, false),
                Optional.of(OWNER)))
        .isEmpty();
  }

  @Test
  void theEndOfTheFirstSyncIsMailedOncePerChannelWithItsCountsAndNotWhenNothingReachedJoystream() {
    CreatorNotice notice =
        notices.forFirstSyncCompleted(CHANNEL, 12, 3, Optional.of(OWNER)).orElseThrow();
    assertThat(notice.key()).isEqualTo("first-sync-completed");
    RenderedMail mail = render(notice);
    assertThat(mail.subject()).isEqualTo("Your YouTube channel Alice Bakes is synced to Joystream");
    assertThat(mail.body())
        .contains("12 of its videos are now")
        .contains("on Joystream, on your channel 7:\nhttps://app.example/channel/7")
        .contains("not a video): 3;");

    assertThat(notices.forFirstSyncCompleted(CHANNEL, 0, 5, Optional.of(OWNER)))
        .as("every video given up: nothing to announce")
        .isEmpty();
  }

  @Test
  void anOperatorsTemplateReplacesTheShippedOne(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("verified.txt"),
        "Subject: {{title}}: {{tier}}\n\nWell done, {{title}}!\n",
        StandardCharsets.UTF_8);
    NoticeTemplates own = NoticeTemplates.load(Optional.of(dir));

    RenderedMail mail =
        own.render(NoticeKind.VERIFIED, Map.of("title", "Alice Bakes", "tier", "Gold"));

    assertThat(mail.subject()).isEqualTo("Alice Bakes: Gold");
    assertThat(mail.body()).isEqualTo("Well done, Alice Bakes!\n");
    assertThat(own.render(NoticeKind.SUSPENDED, Map.of("title", "X")).subject())
        .as("the other kinds keep the shipped templates")
        .isEqualTo("X is suspended from the YouTube Partner Program");
  }

  @Test
  void aBrokenTemplateIsRefusedAtLoadNamingItsFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("suspended.txt"), "Dear {{title}}\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> NoticeTemplates.load(Optional.of(dir)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("suspended.txt")
        .hasMessageContaining("Subject:");
  }

  @Test
  void aValueCannotBreakTheSubjectIntoHeaders() {
    RenderedMail mail =
        templates.render(
            NoticeKind.VERIFIED, Map.of("title", "Evil\r\nBcc: all@example.com", "tier", "Gold"));
    assertThat(mail.subject()).doesNotContain("\n").doesNotContain("\r");
  }

  private RenderedMail render(CreatorNotice notice) {
    return templates.render(notice.kind(), notice.values());
  }
}
