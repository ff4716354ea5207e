package vn.bdg.registry.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every record edited with PATCH keeps against lost updates (RFC 9110): its GET and PATCH
 * answers carry a strong ETag of the stored version, and a PATCH with If-Match is made on that
 * version only. Each feature's IT runs these on its own record (path) with its own changes.
 */
public final class IfMatch {
    private IfMatch() {
    }

    /** The strong ETag of an answer, checked to be one: 32 hex digits in quotes. */
    public static String etag(Api.Res res) {
        String tag = res.header("ETag");
        assertThat(tag).as("ETag of " + res.body()).isNotNull().matches("\"[0-9a-f]{32}\"");
        return tag;
    }

    /** The record at path, read: 200 with its ETag. */
    public static Api.Res read(Api api, String path) {
        Api.Res res = api.get(path);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        etag(res);
        return res;
    }

    /** A PATCH sent with If-Match. */
    public static Api.Res patch(Api api, String path, String ifMatch, Map<String, Object> change) {
        return api.withHeader("If-Match", ifMatch).patch(path, change);
    }

    /**
     * Two people edit the record from the same copy: theirs (no If-Match) is saved first; mine,
     * sent with the ETag of that copy, is refused with 412 in Vietnamese and in English, and the
     * record stays as they left it.
     */
    public static void aStaleTagIsRefusedAndNothingWritten(Api api, String path, Map<String, Object> theirs,
                                                           Map<String, Object> mine) {
        String seen = etag(read(api, path));
        Api.Res saved = api.patch(path, theirs);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        String current = etag(saved);
        assertThat(current).isNotEqualTo(seen);

        Map<String, String> titles = Map.of("vi", "Bản ghi đã thay đổi", "en", "Changed since you loaded it");
        titles.forEach((language, title) -> {
            Api.Res refused = patch(api.inLanguage(language), path, seen, mine);
            assertThat(refused.status()).as(refused.body()).isEqualTo(412);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Content-Language")).isEqualTo(language);
            JsonNode problem = refused.json();
            assertThat(problem.get("code").asText()).isEqualTo("precondition_failed");
            assertThat(problem.get("status").asInt()).isEqualTo(412);
            assertThat(problem.get("title").asText()).isEqualTo(title);
        });

        Api.Res now = read(api, path);
        assertThat(now.json()).as("unchanged since their edit").isEqualTo(saved.json());
        assertThat(etag(now)).isEqualTo(current);
    }

    /**
     * The ETag of a GET allows a PATCH, whose answer carries the new ETag (the one a GET now
     * gives), and the old one no longer does.
     */
    public static void theTagOfAReadAllowsAnEditThatAnswersTheNewTag(Api api, String path,
                                                                    Map<String, Object> change,
                                                                    Map<String, Object> another) {
        String seen = etag(read(api, path));
        Api.Res saved = patch(api, path, seen, change);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        String next = etag(saved);
        assertThat(next).isNotEqualTo(seen);
        assertThat(etag(read(api, path))).isEqualTo(next);

        assertThat(patch(api, path, seen, another).status()).isEqualTo(412);
        Api.Res again = patch(api, path, next, another);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
    }

    /**
     * If-Match: * allows an edit of whatever version is stored, as does a list naming the current
     * tag among others; the current tag marked weak (W/) never does, If-Match comparing strongly.
     */
    public static void starAndListsMatchButAWeakTagDoesNot(Api api, String path, Map<String, Object> change,
                                                           Map<String, Object> another) {
        String current = etag(read(api, path));
        Api.Res weak = patch(api, path, "W/" + current, change);
        assertThat(weak.status()).as(weak.body()).isEqualTo(412);
        assertThat(etag(read(api, path))).as("nothing written").isEqualTo(current);

        Api.Res star = patch(api, path, "*", change);
        assertThat(star.status()).as(star.body()).isEqualTo(200);

        Api.Res listed = patch(api, path, "\"0123\", " + etag(star), another);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    }

    /**
     * Edits sent at the same moment from the same copy (its ETag in If-Match): one is made, every
     * other one is refused with 412, as each is checked on the row it locked.
     */
    public static void ofEditsSentAtOnceFromTheSameCopyOneIsMade(Api api, String path,
                                                                 List<Map<String, Object>> changes) {
        String seen = etag(read(api, path));
        List<Integer> statuses = sentAtOnce(api, path, seen, changes).stream().map(Api.Res::status).toList();
        assertThat(statuses).as(statuses.toString()).containsOnlyOnce(200).containsOnly(200, 412);
    }

    /**
     * Round after round, two edits sent at the same moment from the same copy (its ETag in
     * If-Match): each time one is made and the other refused with 412, never both (the check and
     * the write are one step). change(round * 2) and change(round * 2 + 1) are the two edits, each
     * a change of the record.
     */
    public static void roundAfterRoundOfTwoEditsAtOnceFromOneCopyOneIsMade(Api api, String path, int rounds,
                                                                         IntFunction<Map<String, Object>> change) {
        for (int round = 0; round < rounds; round++) {
            String seen = etag(read(api, path));
            List<Integer> statuses = sentAtOnce(api, path, seen, List.of(change.apply(round * 2),
                    change.apply(round * 2 + 1))).stream().map(Api.Res::status).toList();
            assertThat(statuses).as("round " + round + ": " + statuses).containsExactlyInAnyOrder(200, 412);
        }
    }

    /** The edits, each a PATCH with If-Match seen, sent at the same moment. */
    private static List<Api.Res> sentAtOnce(Api api, String path, String seen, List<Map<String, Object>> changes) {
        List<Callable<Api.Res>> edits = new ArrayList<>();
        for (Map<String, Object> change : changes) {
            edits.add(() -> patch(api, path, seen, change));
        }
        try {
            return AtOnce.run(edits);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Without If-Match an edit is made on whatever is stored, as phones and scripts send it. */
    public static void withoutIfMatchAnEditIsMadeAsBefore(Api api, String path, Map<String, Object> theirs,
                                                          Map<String, Object> mine) {
        etag(read(api, path));
        assertThat(api.patch(path, theirs).status()).isEqualTo(200);
        Api.Res saved = api.patch(path, mine);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        etag(saved);
    }
}
