package io.cryptorun.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The jobs of a session cluster ({@code GET /jobs/overview}) and the request bodies the job operations send. */
public final class FlinkRestJobs {
    /** An empty JSON object: what a check reads when an optional REST answer is missing. */
    public static final JsonNode EMPTY = FlinkRest.JSON.createObjectNode();
    static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED");
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");

    private FlinkRestJobs() {}

    public record Job(String jid, String state, String name, long startTime) {
        /** {@code <jid> <state> <name>}: the line scripts read the id from (first word). */
        public String line() {
            return jid + " " + state + " " + name;
        }
    }

    public static boolean isJobId(String s) {
        return s != null && JOB_ID.matcher(s).matches();
    }

    /** Every job of a {@code /jobs/overview} answer, newest first. */
    public static List<Job> all(JsonNode overview) {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode j : overview.path("jobs")) {
            jobs.add(new Job(j.path("jid").asText(), j.path("state").asText(), j.path("name").asText(), j.path("start-time").asLong()));
        }
        jobs.sort(Comparator.comparingLong(Job::startTime).reversed());
        return jobs;
    }

    /** The jobs not in a terminal state (FINISHED, FAILED, CANCELED), newest first. */
    public static List<Job> active(JsonNode overview) {
        return all(overview).stream().filter(j -> !TERMINAL.contains(j.state())).toList();
    }

    /** The value of {@code key} in a {@code GET /jobmanager/config} answer ({@code [{"key":..,"value":..}]}); null when absent. */
    public static String configValue(JsonNode config, String key) {
        for (JsonNode e : config) {
            if (key.equals(e.path("key").asText())) return e.path("value").asText();
        }
        return null;
    }

    /** The body of {@code POST /jars/:id/run}. */
    public static ObjectNode runRequest(List<String> programArgs, String entryClass, Integer parallelism,
                                        String savepointPath, boolean allowNonRestoredState) {
        ObjectNode body = FlinkRest.JSON.createObjectNode();
        ArrayNode args = body.putArray("programArgsList");
        programArgs.forEach(args::add);
        if (entryClass != null && !entryClass.isEmpty()) body.put("entryClass", entryClass);
        if (parallelism != null) body.put("parallelism", parallelism);
        if (savepointPath != null && !savepointPath.isEmpty()) {
            body.put("savepointPath", savepointPath);
            body.put("allowNonRestoredState", allowNonRestoredState);
        }
        return body;
    }

    /** The body of {@code POST /jobs/:id/stop} (stop-with-savepoint, no drain). */
    public static ObjectNode stopRequest(String targetDirectory) {
        ObjectNode body = FlinkRest.JSON.createObjectNode();
        body.put("targetDirectory", targetDirectory);
        body.put("drain", false);
        return body;
    }
}
