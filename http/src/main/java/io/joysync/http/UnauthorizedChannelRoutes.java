package io.joysync.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import io.joysync.engine.signup.UnauthorizedChannels;
import io.joysync.persistence.readside.ChannelRow;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /channels/unauthorized} (youtube-synch's {@code
 * sync:addUnauthorizedChannelForSyncing} as an operator endpoint): the route checks the operator,
 * parses the body ({@link UnauthorizedChannelRequest}), runs {@link UnauthorizedChannels} and
 * answers its outcome: 201 with the channel and how many videos were tracked, or the refusal as
 * {@link Refusals} phrases it.
 */
public final class UnauthorizedChannelRoutes {

  public record AddedChannel(ChannelDto channel, int videosTracked, int videosAlreadyTracked) {}

  private final UnauthorizedChannels channels;
  private final OperatorAuth auth;
  private final String defaultCategory;

  public UnauthorizedChannelRoutes(
      ActorSystem<?> system, UnauthorizedChannels channels, OperatorAuth auth) {
    this.channels = channels;
    this.auth = auth;
    this.defaultCategory =
        system.settings().config().getString("joysync.http.unauthorized-category");
  }

  public Route route() {
    return path(
        PathMatchers.segment("channels").slash("unauthorized"),
        () ->
            post(
                () ->
                    auth.operator(
                        () ->
                            entity(
                                Unmarshaller.entityToString(),
                                body ->
                                    onSuccess(
                                        channels
                                            .add(
                                                UnauthorizedChannelRequest.parse(
                                                        body, defaultCategory)
                                                    .toRequest())
                                            .thenApply(UnauthorizedChannelRoutes::answer),
                                        added ->
                                            complete(
                                                StatusCodes.CREATED, added, Json.marshaller()))))));
  }

  private static AddedChannel answer(UnauthorizedChannels.Result result) {
    if (result instanceof UnauthorizedChannels.Refused refused) {
      throw Refusals.of(refused);
    }
    UnauthorizedChannels.Added added = (UnauthorizedChannels.Added) result;
    return new AddedChannel(
        ChannelDto.of(ChannelRow.of(added.youtubeChannelId(), added.channel())),
        added.videosTracked(),
        added.videosAlreadyTracked());
  }
}
