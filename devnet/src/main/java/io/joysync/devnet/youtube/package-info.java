/**
 * The YouTube devnet: a faithful local stand-in for everything joysync reaches on YouTube's side.
 *
 * <p>Start it with {@link io.joysync.devnet.youtube.YoutubeDevnet#start} and a {@link
 * io.joysync.devnet.youtube.YoutubeDevnetSettings} ({@code defaults()} listens on 127.0.0.1:8090;
 * tests use {@code withPort(0)}); the returned {@code Running} gives the base URL, the fault
 * switches, the SOCKS5 proxies, and {@code close()}. {@code YoutubeDevnet.main} runs it alone.
 *
 * <p>Paths: {@code /youtube/v3/channels|playlistItems|videos} (Data API v3 subset, API key or
 * bearer token, parts, 50-item pages with page tokens, Google error bodies, a daily quota counted
 * per Pacific day); {@code /oauth2/auth}, {@code /oauth2/token}, {@code /oauth2/tokeninfo}; {@code
 * /feeds/videos.xml?channel_id=} (Atom, 15 newest, ETag and Last-Modified; 404 for a terminated
 * channel); {@code /websub} (hub: subscribe/unsubscribe, sync or async verification, HMAC-signed
 * notifications of uploads, edits and deletions, retried when not answered 2xx); {@code
 * /media/<videoId>.mp4} (synthetic clips rendered by ffmpeg at start-up; failing videos answer with
 * YouTube's wording as the HTTP reason phrase); {@code /thumbnails/...}.
 *
 * <p>Admin: {@code GET/POST /admin/faults} (JSON of {@link io.joysync.devnet.youtube.YoutubeFaults}
 * fields, merged: {@code quotaExhausted}, {@code serverErrors}, {@code malformedResponses}, {@code
 * slowMediaBytesPerSecond}, {@code mediaRateLimited}, {@code botCheck}, {@code tokensRevoked},
 * {@code truncatedFeeds}, {@code feedErrors}, {@code mediaLinkBytesPerSecond}: the capacity of the
 * link all media downloads share), {@code POST /admin/faults/reset}, {@code POST
 * /admin/oauth/codes?account=&redirect_uri=&scope=&access_type=}, {@code POST
 * /admin/oauth/expire-access-tokens}, {@code POST /admin/channels/<id>/videos?kind=&title=}
 * (publishes now, fires WebSub), {@code POST /admin/channels/<id>/videos/<videoId>?title=
 * &description=&kind=} (edits, fires WebSub), {@code POST
 * /admin/channels/<id>/videos/<videoId>/notify?times=} (delivers the notification again), {@code
 * DELETE /admin/channels/<id>/videos/<videoId>} (deletes, fires the tombstone), {@code POST
 * /admin/channels/<id>/terminate}, {@code GET /admin/quota}, {@code GET /admin/websub/deliveries},
 * {@code GET /admin/websub/subscriptions[?channel_id=]}, {@code GET /admin/websub/stats}, {@code
 * GET /admin/proxies}, {@code POST /admin/proxies/<n>?mode=RELAY|RATE_LIMITED|BOT_CHECK}.
 *
 * <p>Seeded accounts ({@link io.joysync.devnet.youtube.DevnetSeed#standard}): alice@example.com (a
 * channel meeting the requirements, 60 public uploads plus one of each {@link
 * io.joysync.devnet.youtube.VideoKind}), bob@example.com (a 5-day-old channel with 10 subscribers
 * and one video), carol@example.com (no channel), dave@example.com (suspended account); {@code
 * withGeneratedChannels(n)} adds n creators of one upload each for benchmarks.
 */
package io.joysync.devnet.youtube;
