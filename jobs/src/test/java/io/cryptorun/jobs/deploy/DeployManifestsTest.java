package io.cryptorun.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static checks of everything under {@code deploy/}: the Dockerfile (line-based), the compose stack,
 * the Prometheus config and the Flink Kubernetes Operator manifests with their kustomize overlays.
 * Nothing here runs a container; the checks are the fields a deployment depends on, cross-checked
 * against each other and against the build (jar name, entry class). Each checker returns a list of
 * problems, and each is also shown to reject a deliberately broken copy, so the checks can fail.
 */
class DeployManifestsTest {
    static final String ENTRY_CLASS = "io.cryptorun.jobs.cli.ScannerLauncher";
    static final String JAR_IN_IMAGE = "/opt/flink/usrlib/cryptorun-jobs.jar";
    static final String FIXTURES_IN_IMAGE = "/opt/cryptorun/fixtures/";
    static final String BUILD_IMAGE = "maven:3.9-eclipse-temurin-17";
    static final String RUNTIME_IMAGE = "flink:1.20.3-java17";
    static final Set<String> COMPOSE_SERVICES =
            Set.of("jobmanager", "taskmanager", "kafka", "timescaledb", "prometheus", "grafana");
    /** Services that keep data and so must keep it in a named volume. */
    static final Set<String> STATEFUL_SERVICES =
            Set.of("jobmanager", "taskmanager", "kafka", "timescaledb", "prometheus", "grafana");
    /** Environment keys that hold secrets (matched case-insensitively as substrings). */
    static final Pattern SECRET_KEY = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|DSN|API_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL|WEBHOOK).*");
    /** A whole value that is only a reference: ${VAR} or ${VAR:?message} (no default: a default would be a literal secret). */
    static final Pattern SECRET_REF = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}");
    static final Pattern VAR_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    static final ObjectMapper YAML = new YAMLMapper();
    static Path root;
    static Path deploy;

    @BeforeAll
    static void findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("deploy/Dockerfile")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with deploy/Dockerfile above " + Path.of("").toAbsolutePath()).isNotNull();
        root = dir;
        deploy = dir.resolve("deploy");
    }

    // ------------------------------------------------------------------------------------------
    // Every YAML file under deploy/ parses
    // ------------------------------------------------------------------------------------------

    @Test
    void everyYamlManifestParses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(deploy)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).extracting(p -> deploy.relativize(p).toString().replace('\\', '/')).contains(
                "docker-compose.yml", "prometheus/prometheus.yml", "k8s/base/flinkdeployment.yaml",
                "k8s/base/secret.template.yaml", "k8s/base/kustomization.yaml", "k8s/base/configmap.yaml",
                "k8s/overlays/staging/kustomization.yaml", "k8s/overlays/prod/kustomization.yaml");
        for (Path f : files) {
            List<JsonNode> docs = readAll(f);
            assertThat(docs).as("%s has at least one document", f).isNotEmpty();
            for (JsonNode d : docs) {
                assertThat(d.isObject()).as("%s: top level is a mapping", f).isTrue();
            }
        }
    }

    @Test
    void yamlParserRejectsBrokenYaml() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> readAll("a: [1, 2\nb: c\n"))
                .isInstanceOf(IOException.class);
    }

    // ------------------------------------------------------------------------------------------
    // Dockerfile
    // ------------------------------------------------------------------------------------------

    @Test
    void dockerfileBuildsOnMavenAndRunsNonRootOnFlink() throws IOException {
        List<String> lines = Files.readAllLines(deploy.resolve("Dockerfile"));
        assertThat(dockerfileProblems(lines)).isEmpty();
        assertThat(dockerJarDestination(lines)).isEqualTo(JAR_IN_IMAGE);
        // The jar the build stage copies is the one jobs/pom.xml builds.
        assertThat(String.join("\n", lines)).contains("jobs/target/" + shadedJarName());
        assertThat(JAR_IN_IMAGE).endsWith("/" + shadedJarName());
        // The health check script exists, is executable in the repo, and knows both roles.
        Path hc = deploy.resolve("docker/healthcheck.sh");
        assertThat(Files.readString(hc)).contains("TaskManagerRunner", "ClusterEntrypoint", "/overview", "/metrics");
        assertThat(Files.isExecutable(hc)).isTrue();
        // The build context ignore file keeps local secrets and build output out of the image.
        assertThat(Files.readAllLines(deploy.resolve("Dockerfile.dockerignore"))).contains(".git", "**/target", "**/.env");
    }

    @Test
    void dockerfileCheckRejectsBrokenCopies() throws IOException {
        List<String> good = Files.readAllLines(deploy.resolve("Dockerfile"));
        assertThat(dockerfileProblems(append(good, "USER root"))).anyMatch(p -> p.contains("non-root"));
        assertThat(dockerfileProblems(append(good, "USER 0:0"))).anyMatch(p -> p.contains("non-root"));
        assertThat(dockerfileProblems(replace(good, "FROM flink:1.20.3-java17", "FROM flink:latest")))
                .anyMatch(p -> p.contains("runtime image"));
        assertThat(dockerfileProblems(replace(good, "/opt/flink/usrlib/cryptorun-jobs.jar", "/opt/flink/lib/cryptorun-jobs.jar")))
                .anyMatch(p -> p.contains("jar"));
        assertThat(dockerfileProblems(append(good, "ENV PG_PASSWORD=hunter2"))).anyMatch(p -> p.contains("secret"));
        assertThat(dockerfileProblems(replace(good, "ARG SKIP_TESTS=false", "ARG SKIP_TESTS=true")))
                .anyMatch(p -> p.contains("SKIP_TESTS"));
        assertThat(dockerfileProblems(good.stream().filter(l -> !l.startsWith("HEALTHCHECK")).toList()))
                .anyMatch(p -> p.contains("HEALTHCHECK"));
    }

    /** Logical Dockerfile instructions: continuation lines joined, comments and blanks dropped. */
    static List<String> instructions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String raw : lines) {
            String l = raw.strip();
            if (cur.isEmpty() && (l.isEmpty() || l.startsWith("#"))) {
                continue;
            }
            if (!cur.isEmpty() && l.startsWith("#")) {
                continue;
            }
            if (l.endsWith("\\")) {
                cur.append(l, 0, l.length() - 1).append(' ');
            } else {
                cur.append(l);
                out.add(cur.toString().strip());
                cur.setLength(0);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    static List<String> dockerfileProblems(List<String> lines) {
        List<String> problems = new ArrayList<>();
        List<String> ins = instructions(lines);
        List<String> froms = ins.stream().filter(i -> i.toUpperCase().startsWith("FROM ")).toList();
        if (froms.size() < 2) {
            problems.add("not multi-stage: " + froms);
            return problems;
        }
        String[] first = froms.get(0).split("\\s+");
        if (!first[1].equals(BUILD_IMAGE)) {
            problems.add("build image is " + first[1] + ", want " + BUILD_IMAGE);
        }
        String[] last = froms.get(froms.size() - 1).split("\\s+");
        if (!last[1].equals(RUNTIME_IMAGE)) {
            problems.add("runtime image is " + last[1] + ", want " + RUNTIME_IMAGE);
        }
        int finalStage = ins.indexOf(froms.get(froms.size() - 1));
        List<String> runtime = ins.subList(finalStage, ins.size());
        List<String> build = ins.subList(0, finalStage);
        // Build stage: mvn package, tests skipped only through the SKIP_TESTS build arg (default false).
        if (build.stream().noneMatch(i -> i.matches("(?i)ARG SKIP_TESTS=false"))) {
            problems.add("build stage must declare ARG SKIP_TESTS=false (unit tests run by default)");
        }
        List<String> mvn = build.stream().filter(i -> i.startsWith("RUN ") && i.contains("mvn ")).toList();
        if (mvn.size() != 1 || !mvn.get(0).contains(" package") || !mvn.get(0).contains("-DskipTests=\"${SKIP_TESTS}\"")
                || mvn.get(0).contains("-Dmaven.test.skip") || mvn.get(0).contains("verify") || mvn.get(0).contains("install")) {
            problems.add("build stage must run exactly one `mvn package -DskipTests=\"${SKIP_TESTS}\"` (no verify/install): " + mvn);
        }
        // Final stage: jar and fixture in place, last USER non-root, a HEALTHCHECK.
        if (!JAR_IN_IMAGE.equals(dockerJarDestination(lines))) {
            problems.add("jar not copied from the build stage to " + JAR_IN_IMAGE + ": " + dockerJarDestination(lines));
        }
        if (runtime.stream().noneMatch(i -> i.startsWith("COPY ") && i.contains("fixtures/kraken-sim") && i.matches(".*\\s" + Pattern.quote(FIXTURES_IN_IMAGE) + "\\S*$"))) {
            problems.add("bundled fixture not copied to " + FIXTURES_IN_IMAGE);
        }
        List<String> users = runtime.stream().filter(i -> i.toUpperCase().startsWith("USER ")).toList();
        if (users.isEmpty()) {
            problems.add("final stage has no USER: runs as root, want non-root");
        } else {
            String user = users.get(users.size() - 1).substring(5).strip().split(":")[0];
            if (user.equals("root") || user.equals("0")) {
                problems.add("final USER is " + user + ", want non-root");
            }
        }
        if (runtime.stream().noneMatch(i -> i.startsWith("HEALTHCHECK ") && !i.contains("NONE"))) {
            problems.add("final stage has no HEALTHCHECK");
        }
        if (runtime.stream().noneMatch(i -> i.startsWith("LABEL ") && i.contains("org.opencontainers.image."))) {
            problems.add("final stage has no OCI labels");
        }
        // No secret baked in: no ENV/ARG/LABEL whose key looks like a secret carries a value.
        Pattern kv = Pattern.compile("([A-Za-z_][A-Za-z0-9_.\\-]*)=(\"[^\"]*\"|\\S*)");
        for (String i : ins) {
            String word = i.split("\\s+", 2)[0].toUpperCase();
            if (!word.equals("ENV") && !word.equals("ARG") && !word.equals("LABEL")) {
                continue;
            }
            Matcher m = kv.matcher(i.substring(word.length()));
            while (m.find()) {
                if (SECRET_KEY.matcher(m.group(1)).matches() && !m.group(2).isEmpty() && !m.group(2).equals("\"\"")) {
                    problems.add("secret-like " + word + " " + m.group(1) + " has a value baked into the image");
                }
            }
        }
        return problems;
    }

    /** Destination of the COPY --from=<build stage> of the shaded jar, or null. */
    static String dockerJarDestination(List<String> lines) {
        for (String i : instructions(lines)) {
            if (i.startsWith("COPY ") && i.contains("--from=build") && i.contains("cryptorun-jobs.jar")) {
                String[] parts = i.split("\\s+");
                return parts[parts.length - 1];
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------
    // docker-compose.yml, .env.example, prometheus.yml
    // ------------------------------------------------------------------------------------------

    @Test
    void composeStackHasEveryServiceHealthCheckedWithNamedVolumesAndNoLiteralSecrets() throws IOException {
        JsonNode compose = read(deploy.resolve("docker-compose.yml"));
        assertThat(composeProblems(compose)).isEmpty();

        JsonNode s = compose.get("services");
        assertThat(s.at("/kafka/image").asText()).isEqualTo("apache/kafka:3.9.1");
        assertThat(env(s.get("kafka"))).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(s.at("/timescaledb/image").asText()).isEqualTo("timescale/timescaledb:latest-pg15");
        assertThat(s.at("/timescaledb/command").toString()).containsPattern("max_prepared_transactions=[1-9]");
        // Both Flink services run the image of deploy/Dockerfile; the JobManager runs the job in
        // application mode with the entry class and the fixture baked into the image.
        for (String f : List.of("jobmanager", "taskmanager")) {
            assertThat(s.at("/" + f + "/build/dockerfile").asText()).isEqualTo("deploy/Dockerfile");
            assertThat(s.at("/" + f + "/build/context").asText()).isEqualTo("..");
            assertThat(env(s.get(f)).get("FLINK_PROPERTIES")).contains("metrics.reporter.prom.factory.class");
        }
        assertThat(s.at("/jobmanager/image").asText()).isEqualTo(s.at("/taskmanager/image").asText());
        List<String> jmCommand = texts(s.at("/jobmanager/command"));
        assertThat(jmCommand.get(0)).isEqualTo("standalone-job");
        assertThat(jmCommand).containsSubsequence("--job-classname", ENTRY_CLASS);
        assertThat(jmCommand.get(jmCommand.indexOf("--fixtures") + 1)).startsWith(FIXTURES_IN_IMAGE);
        assertThat(texts(s.at("/taskmanager/command"))).containsExactly("taskmanager");
        // Grafana provisioning comes from the repository's grafana/ directory.
        assertThat(texts(s.at("/grafana/volumes"))).anyMatch(v -> v.startsWith("../grafana/provisioning:/etc/grafana/provisioning"));
        // Checkpoint state is shared by JobManager and TaskManager (file:// checkpoints need one file system).
        assertThat(texts(s.at("/jobmanager/volumes"))).contains("flink-state:/opt/flink/state");
        assertThat(texts(s.at("/taskmanager/volumes"))).contains("flink-state:/opt/flink/state");
        assertThat(env(s.get("jobmanager")).get("FLINK_PROPERTIES")).contains("file:///opt/flink/state/checkpoints");
    }

    @Test
    void composeCheckRejectsBrokenCopies() throws IOException {
        JsonNode good = read(deploy.resolve("docker-compose.yml"));

        ObjectNode literalSecret = good.deepCopy();
        ((ObjectNode) literalSecret.at("/services/timescaledb/environment")).put("POSTGRES_PASSWORD", "hunter2");
        assertThat(composeProblems(literalSecret)).anyMatch(p -> p.contains("POSTGRES_PASSWORD"));

        ObjectNode defaultedSecret = good.deepCopy();
        ((ObjectNode) defaultedSecret.at("/services/grafana/environment")).put("GF_SECURITY_ADMIN_PASSWORD", "${GRAFANA_ADMIN_PASSWORD:-admin}");
        assertThat(composeProblems(defaultedSecret)).anyMatch(p -> p.contains("GF_SECURITY_ADMIN_PASSWORD"));

        ObjectNode noHealth = good.deepCopy();
        ((ObjectNode) noHealth.at("/services/kafka")).remove("healthcheck");
        assertThat(composeProblems(noHealth)).anyMatch(p -> p.contains("kafka") && p.contains("healthcheck"));

        ObjectNode undeclaredVolume = good.deepCopy();
        ((ObjectNode) undeclaredVolume.get("volumes")).remove("kafka-data");
        assertThat(composeProblems(undeclaredVolume)).anyMatch(p -> p.contains("kafka-data"));

        ObjectNode missingService = good.deepCopy();
        ((ObjectNode) missingService.get("services")).remove("prometheus");
        assertThat(composeProblems(missingService)).anyMatch(p -> p.contains("prometheus"));

        ObjectNode bindMountOnly = good.deepCopy();
        ((ObjectNode) bindMountOnly.at("/services/timescaledb")).putArray("volumes").add("./pgdata:/var/lib/postgresql/data");
        assertThat(composeProblems(bindMountOnly)).anyMatch(p -> p.contains("timescaledb") && p.contains("named volume"));
    }

    static List<String> composeProblems(JsonNode compose) {
        List<String> problems = new ArrayList<>();
        JsonNode services = compose.path("services");
        Set<String> declaredVolumes = new TreeSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declaredVolumes::add);
        for (String want : COMPOSE_SERVICES) {
            if (!services.has(want)) {
                problems.add("service " + want + " missing");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode svc = e.getValue();
            JsonNode test = svc.path("healthcheck").path("test");
            if (test.isMissingNode() || test.isEmpty() || texts(test).contains("NONE")) {
                problems.add(name + ": no healthcheck");
            }
            if (!svc.hasNonNull("image")) {
                problems.add(name + ": no pinned image name");
            } else if (svc.get("image").asText().endsWith(":latest") || !svc.get("image").asText().contains(":")) {
                problems.add(name + ": image tag not pinned: " + svc.get("image").asText());
            }
            boolean named = false;
            for (String v : texts(svc.path("volumes"))) {
                String source = v.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
                    continue;
                }
                named = true;
                if (!declaredVolumes.contains(source)) {
                    problems.add(name + ": volume " + source + " is not declared under top-level volumes");
                }
            }
            if (STATEFUL_SERVICES.contains(name) && !named) {
                problems.add(name + ": keeps data but has no named volume");
            }
            for (Map.Entry<String, String> env : env(svc).entrySet()) {
                if (SECRET_KEY.matcher(env.getKey()).matches() && !SECRET_REF.matcher(env.getValue()).matches()) {
                    problems.add(name + ": " + env.getKey() + " must be only a ${VAR} or ${VAR:?msg} reference to .env, is a literal or has a default");
                }
                if (env.getKey().equals("FLINK_PROPERTIES")) {
                    for (String line : env.getValue().split("\n")) {
                        String[] kv = line.split(":", 2);
                        if (kv.length == 2 && SECRET_KEY.matcher(kv[0]).matches() && !SECRET_REF.matcher(kv[1].strip()).matches()) {
                            problems.add(name + ": FLINK_PROPERTIES " + kv[0] + " holds a literal secret");
                        }
                    }
                }
            }
            for (String port : texts(svc.path("ports"))) {
                if (!port.startsWith("127.0.0.1:")) {
                    problems.add(name + ": host port " + port + " not bound to 127.0.0.1");
                }
            }
        }
        return problems;
    }

    @Test
    void envExampleHasPlaceholdersOnlyAndDefinesEveryVariableTheStackNeeds() throws IOException {
        // Variables referenced outside comments.
        String composeText = Files.readAllLines(deploy.resolve("docker-compose.yml")).stream()
                .filter(l -> !l.strip().startsWith("#")).collect(Collectors.joining("\n"));
        Map<String, String> example = dotenv(deploy.resolve(".env.example"));
        // Every variable compose requires (${VAR:?...}) is in .env.example; so is every one it references.
        Set<String> referenced = new TreeSet<>();
        Matcher m = VAR_REF.matcher(composeText);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        assertThat(example.keySet()).containsAll(referenced);
        // Secret-like keys are placeholders.
        Map<String, String> secrets = example.entrySet().stream().filter(e -> SECRET_KEY.matcher(e.getKey()).matches())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(secrets).containsKeys("POSTGRES_PASSWORD", "PG_DSN", "GRAFANA_ADMIN_PASSWORD");
        assertThat(envExampleProblems(example)).isEmpty();
        Map<String, String> leaked = new LinkedHashMap<>(example);
        leaked.put("POSTGRES_PASSWORD", "s3cr3t-value");
        assertThat(envExampleProblems(leaked)).anyMatch(p -> p.contains("POSTGRES_PASSWORD"));
        leaked.put("PG_DSN", "postgresql://cryptorun:s3cr3t@timescaledb:5432/cryptorun");
        assertThat(envExampleProblems(leaked)).anyMatch(p -> p.contains("PG_DSN carries a password"));
        // The real .env is never committed.
        assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains("deploy/.env");
    }

    static List<String> envExampleProblems(Map<String, String> example) {
        List<String> problems = new ArrayList<>();
        example.forEach((k, v) -> {
            if (k.endsWith("_DSN")) {
                // the job refuses a DSN with a password (it takes PG_PASSWORD), so a DSN is only a locator
                if (v.matches(".*://[^/@]*:[^/@]*@.*")) problems.add(".env.example " + k + " carries a password");
            } else if (SECRET_KEY.matcher(k).matches() && !v.contains("CHANGE_ME")) {
                problems.add(".env.example " + k + " is not a CHANGE_ME placeholder");
            }
        });
        return problems;
    }

    @Test
    void prometheusScrapesTheFlinkReporterPortOfJobManagerAndTaskManagers() throws IOException {
        JsonNode prom = read(deploy.resolve("prometheus/prometheus.yml"));
        JsonNode compose = read(deploy.resolve("docker-compose.yml"));
        String port = flinkProperties(compose, "jobmanager").get("metrics.reporter.prom.port");
        assertThat(port).isEqualTo("9249");
        assertThat(flinkProperties(compose, "taskmanager")).containsEntry("metrics.reporter.prom.port", port);
        Set<String> targets = new TreeSet<>();
        for (JsonNode job : prom.path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                targets.addAll(texts(sc.path("targets")));
            }
            for (JsonNode dns : job.path("dns_sd_configs")) {
                for (String n : texts(dns.path("names"))) {
                    targets.add(n + ":" + dns.path("port").asText());
                }
            }
        }
        assertThat(targets).contains("jobmanager:" + port, "taskmanager:" + port);
        // Scrape targets are services of the stack.
        JsonNode services = compose.get("services");
        for (String t : targets) {
            String host = t.split(":")[0];
            assertThat(services.has(host) || host.equals("127.0.0.1")).as("scrape target %s is a compose service", t).isTrue();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Kubernetes: FlinkDeployment, Secret template, kustomize base and overlays
    // ------------------------------------------------------------------------------------------

    @Test
    void entryClassIsTheShadedJarMainClassAndExists() throws Exception {
        String pom = Files.readString(root.resolve("jobs/pom.xml"));
        Matcher m = Pattern.compile("<mainClass>\\s*([\\w.]+)\\s*</mainClass>").matcher(pom);
        assertThat(m.find()).as("jobs/pom.xml shade ManifestResourceTransformer mainClass").isTrue();
        assertThat(m.group(1)).isEqualTo(ENTRY_CLASS).isEqualTo(io.cryptorun.jobs.cli.ScannerLauncher.class.getName());
        Method main = Class.forName(ENTRY_CLASS).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
    }

    @Test
    void flinkDeploymentRunsTheImageJarWithSavepointUpgradesHaProbesAndSecretRefs() throws IOException {
        JsonNode fd = read(deploy.resolve("k8s/base/flinkdeployment.yaml"));
        JsonNode secret = read(deploy.resolve("k8s/base/secret.template.yaml"));
        List<String> docker = Files.readAllLines(deploy.resolve("Dockerfile"));
        assertThat(flinkDeploymentProblems(fd, secret, configMapNames(), dockerJarDestination(docker))).isEmpty();
        assertThat(fd.at("/spec/image").asText()).isNotBlank();
        assertThat(fd.at("/spec/job/jarURI").asText()).isEqualTo("local://" + JAR_IN_IMAGE);
        assertThat(fd.at("/spec/job/entryClass").asText()).isEqualTo(io.cryptorun.jobs.cli.ScannerLauncher.class.getName());
        // The job reads the fixture baked into the image.
        List<String> args = texts(fd.at("/spec/job/args"));
        assertThat(args.get(args.indexOf("--fixtures") + 1)).startsWith(FIXTURES_IN_IMAGE);
        assertThat(args).contains("--out");
    }

    @Test
    void flinkDeploymentCheckRejectsBrokenCopies() throws IOException {
        JsonNode good = read(deploy.resolve("k8s/base/flinkdeployment.yaml"));
        JsonNode secret = read(deploy.resolve("k8s/base/secret.template.yaml"));
        Set<String> cms = configMapNames();

        ObjectNode stateless = good.deepCopy();
        ((ObjectNode) stateless.at("/spec/job")).put("upgradeMode", "stateless");
        assertThat(flinkDeploymentProblems(stateless, secret, cms, JAR_IN_IMAGE)).anyMatch(p -> p.contains("upgradeMode"));

        ObjectNode wrongJar = good.deepCopy();
        ((ObjectNode) wrongJar.at("/spec/job")).put("jarURI", "local:///opt/flink/lib/cryptorun-jobs.jar");
        assertThat(flinkDeploymentProblems(wrongJar, secret, cms, JAR_IN_IMAGE)).anyMatch(p -> p.contains("jarURI"));

        ObjectNode wrongClass = good.deepCopy();
        ((ObjectNode) wrongClass.at("/spec/job")).put("entryClass", "io.cryptorun.jobs.NoSuchJob");
        assertThat(flinkDeploymentProblems(wrongClass, secret, cms, JAR_IN_IMAGE)).anyMatch(p -> p.contains("entryClass"));

        ObjectNode missingKey = good.deepCopy();
        ((ObjectNode) missingKey.at("/spec/podTemplate/spec/containers/0/env/1/valueFrom/secretKeyRef")).put("key", "PG_PASSWORD_TYPO");
        assertThat(flinkDeploymentProblems(missingKey, secret, cms, JAR_IN_IMAGE)).anyMatch(p -> p.contains("PG_PASSWORD_TYPO"));

        ObjectNode literalSecret = good.deepCopy();
        ((ObjectNode) literalSecret.at("/spec/podTemplate/spec/containers/0/env/1")).remove("valueFrom");
        ((ObjectNode) literalSecret.at("/spec/podTemplate/spec/containers/0/env/1")).put("value", "postgresql://u:p@db/x");
        assertThat(flinkDeploymentProblems(literalSecret, secret, cms, JAR_IN_IMAGE)).anyMatch(p -> p.contains("PG_DSN"));

        ObjectNode noProbe = good.deepCopy();
        ((ObjectNode) noProbe.at("/spec/taskManager/podTemplate/spec/containers/0")).remove("livenessProbe");
        assertThat(flinkDeploymentProblems(noProbe, secret, cms, JAR_IN_IMAGE)).anyMatch(p -> p.contains("taskManager") && p.contains("livenessProbe"));

        ObjectNode noHa = good.deepCopy();
        ((ObjectNode) noHa.at("/spec/flinkConfiguration")).remove("high-availability.type");
        assertThat(flinkDeploymentProblems(noHa, secret, cms, JAR_IN_IMAGE)).anyMatch(p -> p.contains("high-availability"));

        ObjectNode noScrape = good.deepCopy();
        ((ObjectNode) noScrape.at("/spec/podTemplate/metadata/annotations")).put("prometheus.io/port", "9999");
        assertThat(flinkDeploymentProblems(noScrape, secret, cms, JAR_IN_IMAGE)).anyMatch(p -> p.contains("prometheus.io/port"));

        ObjectNode realSecret = secret.deepCopy();
        ((ObjectNode) realSecret.get("stringData")).put("PG_DSN", "postgresql://cryptorun:hunter2@db/cryptorun");
        assertThat(flinkDeploymentProblems(good, realSecret, cms, JAR_IN_IMAGE)).anyMatch(p -> p.contains("placeholder"));
    }

    static List<String> flinkDeploymentProblems(JsonNode fd, JsonNode secretTemplate, Set<String> configMaps, String jarInImage) {
        List<String> problems = new ArrayList<>();
        if (!"flink.apache.org/v1beta1".equals(fd.path("apiVersion").asText()) || !"FlinkDeployment".equals(fd.path("kind").asText())) {
            problems.add("not a flink.apache.org/v1beta1 FlinkDeployment");
        }
        JsonNode spec = fd.path("spec");
        JsonNode conf = spec.path("flinkConfiguration");
        if (!"v1_20".equals(spec.path("flinkVersion").asText())) {
            problems.add("flinkVersion is " + spec.path("flinkVersion").asText() + ", want v1_20");
        }
        if (spec.path("image").asText().isBlank()) {
            problems.add("no image");
        }
        JsonNode job = spec.path("job");
        if (!("local://" + jarInImage).equals(job.path("jarURI").asText())) {
            problems.add("jarURI " + job.path("jarURI").asText() + " is not local://" + jarInImage + " (the Dockerfile's jar path)");
        }
        if (!ENTRY_CLASS.equals(job.path("entryClass").asText())) {
            problems.add("entryClass " + job.path("entryClass").asText() + " is not " + ENTRY_CLASS);
        }
        if (!"savepoint".equals(job.path("upgradeMode").asText())) {
            problems.add("upgradeMode is " + job.path("upgradeMode").asText() + ", want savepoint");
        }
        if (!"kubernetes".equals(conf.path("high-availability.type").asText())) {
            problems.add("high-availability.type is not kubernetes");
        }
        for (String key : List.of("high-availability.storageDir", "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
            String v = conf.path(key).asText();
            if (v.isBlank() || v.startsWith("file:///tmp")) {
                problems.add(key + " must point at durable shared storage, is '" + v + "'");
            }
        }
        for (String role : List.of("jobManager", "taskManager")) {
            JsonNode res = spec.path(role).path("resource");
            if (res.path("cpu").isMissingNode() || res.path("memory").asText().isBlank()) {
                problems.add(role + ": resource cpu/memory missing");
            }
            JsonNode main = mainContainer(spec.path(role).path("podTemplate"));
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                if (main == null || !main.has(probe)) {
                    problems.add(role + ": flink-main-container has no " + probe);
                }
            }
        }
        // Prometheus scrape annotations on the pods, on the reporter's port.
        String port = conf.path("metrics.reporter.prom.port").asText();
        if (!conf.path("metrics.reporter.prom.factory.class").asText().endsWith("PrometheusReporterFactory") || port.isBlank()) {
            problems.add("Prometheus reporter not configured");
        }
        JsonNode ann = spec.path("podTemplate").path("metadata").path("annotations");
        if (!"true".equals(ann.path("prometheus.io/scrape").asText())) {
            problems.add("prometheus.io/scrape annotation is not \"true\"");
        }
        if (!port.equals(ann.path("prometheus.io/port").asText())) {
            problems.add("prometheus.io/port annotation " + ann.path("prometheus.io/port").asText() + " != metrics.reporter.prom.port " + port);
        }
        // Secrets: every secret-like env var comes from the Secret, every reference resolves to the template.
        String secretName = secretTemplate.path("metadata").path("name").asText();
        Set<String> secretKeys = new TreeSet<>();
        secretTemplate.path("stringData").fieldNames().forEachRemaining(secretKeys::add);
        secretTemplate.path("data").fieldNames().forEachRemaining(secretKeys::add);
        secretTemplate.path("stringData").fields().forEachRemaining(e -> {
            if (!e.getValue().asText().equals("REPLACE_ME")) {
                problems.add("Secret template key " + e.getKey() + " is not a REPLACE_ME placeholder");
            }
        });
        if (!"Secret".equals(secretTemplate.path("kind").asText())) {
            problems.add("secret template is not a Secret");
        }
        int secretRefs = 0;
        for (JsonNode pt : List.of(spec.path("podTemplate"), spec.path("jobManager").path("podTemplate"), spec.path("taskManager").path("podTemplate"))) {
            for (JsonNode c : pt.path("spec").path("containers")) {
                for (JsonNode env : c.path("env")) {
                    String name = env.path("name").asText();
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        secretRefs++;
                        if (!secretName.equals(ref.path("name").asText())) {
                            problems.add("env " + name + " references Secret " + ref.path("name").asText() + ", not " + secretName);
                        }
                        if (!secretKeys.contains(ref.path("key").asText())) {
                            problems.add("env " + name + " references key " + ref.path("key").asText() + " absent from the Secret template");
                        }
                    } else if (SECRET_KEY.matcher(name).matches()) {
                        problems.add("env " + name + " is secret-like but not from a secretKeyRef");
                    }
                }
                for (JsonNode from : c.path("envFrom")) {
                    if (from.has("secretRef") && !secretName.equals(from.path("secretRef").path("name").asText())) {
                        problems.add("envFrom secretRef " + from.path("secretRef").path("name").asText() + " is not " + secretName);
                    }
                    if (from.has("configMapRef") && !configMaps.contains(from.path("configMapRef").path("name").asText())) {
                        problems.add("envFrom configMapRef " + from.path("configMapRef").path("name").asText() + " is not in the base");
                    }
                }
            }
        }
        if (secretRefs == 0) {
            problems.add("no env comes from the Secret");
        }
        // No literal secret anywhere in flinkConfiguration either.
        conf.fields().forEachRemaining(e -> {
            if (SECRET_KEY.matcher(e.getKey()).matches()) {
                problems.add("flinkConfiguration " + e.getKey() + " holds a secret; use env from the Secret");
            }
        });
        return problems;
    }

    static JsonNode mainContainer(JsonNode podTemplate) {
        for (JsonNode c : podTemplate.path("spec").path("containers")) {
            if ("flink-main-container".equals(c.path("name").asText())) {
                return c;
            }
        }
        return null;
    }

    Set<String> configMapNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode r : baseResources().values()) {
            if ("ConfigMap".equals(r.path("kind").asText())) {
                names.add(r.path("metadata").path("name").asText());
            }
        }
        return names;
    }

    /** kind/name -> resource, for every resource the base kustomization lists. */
    static Map<String, JsonNode> baseResources() throws IOException {
        Path base = deploy.resolve("k8s/base");
        JsonNode k = read(base.resolve("kustomization.yaml"));
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String r : texts(k.path("resources"))) {
            Path f = base.resolve(r);
            assertThat(f).as("base resource %s", r).isRegularFile();
            for (JsonNode d : readAll(f)) {
                out.put(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText(), d);
            }
        }
        return out;
    }

    @Test
    void baseKustomizationListsTheDeploymentButNeverTheSecretTemplate() throws IOException {
        JsonNode k = read(deploy.resolve("k8s/base/kustomization.yaml"));
        assertThat(texts(k.path("resources"))).contains("flinkdeployment.yaml").doesNotContain("secret.template.yaml");
        assertThat(baseResources()).containsKeys("FlinkDeployment/cryptorun-scanner", "ConfigMap/cryptorun-config");
        // Every YAML file in base is either a listed resource, the kustomization, or the secret template.
        try (Stream<Path> s = Files.list(deploy.resolve("k8s/base"))) {
            Set<String> files = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            Set<String> accounted = new TreeSet<>(texts(k.path("resources")));
            accounted.add("kustomization.yaml");
            accounted.add("secret.template.yaml");
            assertThat(accounted).containsAll(files);
        }
    }

    @Test
    void overlaysReferenceTheBaseAndPatchOnlyExistingResources() throws IOException {
        Map<String, JsonNode> base = baseResources();
        Map<String, Integer> parallelism = new LinkedHashMap<>();
        for (String overlay : List.of("staging", "prod")) {
            Path dir = deploy.resolve("k8s/overlays/" + overlay);
            JsonNode k = read(dir.resolve("kustomization.yaml"));
            assertThat(overlayProblems(dir, k, base)).as(overlay).isEmpty();
            assertThat(k.path("namespace").asText()).isEqualTo("cryptorun-" + overlay);
            JsonNode patch = patchFor(dir, k, "FlinkDeployment");
            assertThat(patch).as("%s patches the FlinkDeployment", overlay).isNotNull();
            assertThat(patch.at("/spec/image").asText()).as("%s image", overlay).contains(":").doesNotEndWith(":latest");
            assertThat(patch.at("/spec/jobManager/resource/memory").asText()).isNotBlank();
            assertThat(patch.at("/spec/taskManager/resource/memory").asText()).isNotBlank();
            assertThat(patch.at("/spec/taskManager/replicas").asInt()).isPositive();
            parallelism.put(overlay, patch.at("/spec/job/parallelism").asInt());
            // Overlays must not weaken what the base guarantees.
            assertThat(patch.at("/spec/job/upgradeMode").isMissingNode()).isTrue();
            assertThat(patch.at("/spec/job/jarURI").isMissingNode()).isTrue();
            assertThat(patch.at("/spec/job/entryClass").isMissingNode()).isTrue();
            int slots = Integer.parseInt(base.get("FlinkDeployment/cryptorun-scanner").at("/spec/flinkConfiguration/taskmanager.numberOfTaskSlots").asText());
            assertThat(patch.at("/spec/taskManager/replicas").asInt() * slots).as("%s slots >= parallelism", overlay)
                    .isGreaterThanOrEqualTo(patch.at("/spec/job/parallelism").asInt());
        }
        assertThat(parallelism.get("prod")).isGreaterThan(parallelism.get("staging"));
    }

    @Test
    void overlayCheckRejectsBrokenCopies() throws IOException {
        Map<String, JsonNode> base = baseResources();
        Path dir = deploy.resolve("k8s/overlays/prod");
        JsonNode good = read(dir.resolve("kustomization.yaml"));

        ObjectNode noBase = good.deepCopy();
        noBase.putArray("resources").add("../../other");
        assertThat(overlayProblems(dir, noBase, base)).anyMatch(p -> p.contains("base"));

        ObjectNode ghost = good.deepCopy();
        ((ObjectNode) ghost.at("/patches/0/target")).put("name", "cryptorun-ghost");
        assertThat(overlayProblems(dir, ghost, base)).anyMatch(p -> p.contains("cryptorun-ghost"));

        ObjectNode missingFile = good.deepCopy();
        ((ObjectNode) missingFile.at("/patches/0")).put("path", "nope.yaml");
        assertThat(overlayProblems(dir, missingFile, base)).anyMatch(p -> p.contains("nope.yaml"));

        ObjectNode ghostInline = good.deepCopy();
        ((ObjectNode) ghostInline.at("/patches/1")).remove("target");
        ((ObjectNode) ghostInline.at("/patches/1")).put("path", "flinkdeployment-patch.yaml");
        ((ObjectNode) ghostInline.at("/patches/1")).set("target", YAML.createObjectNode().put("kind", "Secret").put("name", "cryptorun-secrets"));
        assertThat(overlayProblems(dir, ghostInline, base)).anyMatch(p -> p.contains("Secret/cryptorun-secrets"));
    }

    static List<String> overlayProblems(Path dir, JsonNode k, Map<String, JsonNode> base) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> resources = texts(k.path("resources"));
        if (resources.stream().noneMatch(r -> dir.resolve(r).normalize().equals(deploy.resolve("k8s/base").normalize()))) {
            problems.add("resources " + resources + " do not reference the base");
        }
        if (k.path("namespace").asText().isBlank()) {
            problems.add("no namespace");
        }
        if (k.has("patchesStrategicMerge") || k.has("patchesJson6902")) {
            problems.add("deprecated patch fields; use patches");
        }
        for (JsonNode p : k.path("patches")) {
            String path = p.path("path").asText();
            Path f = dir.resolve(path);
            if (path.isBlank() || !Files.isRegularFile(f)) {
                problems.add("patch file " + path + " does not exist");
                continue;
            }
            JsonNode patch = read(f);
            String kind = p.path("target").path("kind").asText(patch.path("kind").asText());
            String name = p.path("target").path("name").asText(patch.path("metadata").path("name").asText());
            if (!base.containsKey(kind + "/" + name)) {
                problems.add("patch " + path + " targets " + kind + "/" + name + ", which the base does not define");
            }
            if (!patch.path("kind").asText().equals(kind) || !patch.path("metadata").path("name").asText().equals(name)) {
                problems.add("patch " + path + " body is " + patch.path("kind").asText() + "/" + patch.path("metadata").path("name").asText()
                        + " but targets " + kind + "/" + name);
            }
            JsonNode target = base.get(kind + "/" + name);
            if (target != null && !patch.path("apiVersion").asText().equals(target.path("apiVersion").asText())) {
                problems.add("patch " + path + " apiVersion differs from the base resource");
            }
        }
        return problems;
    }

    static JsonNode patchFor(Path dir, JsonNode k, String kind) throws IOException {
        for (JsonNode p : k.path("patches")) {
            JsonNode patch = read(dir.resolve(p.path("path").asText()));
            if (kind.equals(patch.path("kind").asText())) {
                return patch;
            }
        }
        return null;
    }

    /**
     * When kubectl (with its built-in kustomize) is installed, render each overlay and check that
     * the merge patches kept what the base guarantees (probes, upgrade mode, secret refs). Skipped
     * where kubectl is absent; the structural checks above still run.
     */
    @Test
    void renderedOverlaysKeepProbesUpgradeModeAndSecretRefs() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl not installed");
        JsonNode secret = read(deploy.resolve("k8s/base/secret.template.yaml"));
        for (String overlay : List.of("staging", "prod")) {
            Process p = new ProcessBuilder("kubectl", "kustomize", deploy.resolve("k8s/overlays/" + overlay).toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("kubectl kustomize %s:%n%s", overlay, out).isZero();
            Map<String, JsonNode> rendered = new LinkedHashMap<>();
            for (JsonNode d : readAll(out)) {
                rendered.put(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText(), d);
                assertThat(d.at("/metadata/namespace").asText()).isEqualTo("cryptorun-" + overlay);
            }
            assertThat(rendered.keySet()).containsExactlyInAnyOrderElementsOf(baseResources().keySet());
            JsonNode fd = rendered.get("FlinkDeployment/cryptorun-scanner");
            Set<String> cms = rendered.keySet().stream().filter(n -> n.startsWith("ConfigMap/")).map(n -> n.substring(10)).collect(Collectors.toSet());
            assertThat(flinkDeploymentProblems(fd, secret, cms, JAR_IN_IMAGE)).as(overlay).isEmpty();
            assertThat(fd.at("/spec/flinkConfiguration/high-availability.storageDir").asText()).contains(overlay);
        }
    }

    // ------------------------------------------------------------------------------------------
    // helpers
    // ------------------------------------------------------------------------------------------

    static String shadedJarName() throws IOException {
        Matcher m = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(Files.readString(root.resolve("jobs/pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1) + ".jar";
    }

    static JsonNode read(Path f) throws IOException {
        List<JsonNode> docs = readAll(f);
        assertThat(docs).as("%s: one YAML document", f).hasSize(1);
        return docs.get(0);
    }

    static List<JsonNode> readAll(Path f) throws IOException {
        return readAll(Files.readString(f));
    }

    static List<JsonNode> readAll(String yaml) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(new YAMLFactory().createParser(yaml))) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(e);
        }
        return out;
    }

    static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(x -> out.add(x.isObject() ? x.path("source").asText() + ":" + x.path("target").asText() : x.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }

    /** A compose service's environment, in map or list form. */
    static Map<String, String> env(JsonNode svc) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode e = svc.path("environment");
        if (e.isObject()) {
            e.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText()));
        } else if (e.isArray()) {
            for (JsonNode x : e) {
                String[] kv = x.asText().split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return out;
    }

    static Map<String, String> flinkProperties(JsonNode compose, String service) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : env(compose.path("services").path(service)).getOrDefault("FLINK_PROPERTIES", "").split("\n")) {
            String[] kv = line.split(":", 2);
            if (kv.length == 2) {
                out.put(kv[0].strip(), kv[1].strip());
            }
        }
        return out;
    }

    static Map<String, String> dotenv(Path f) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(f)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] kv = l.split("=", 2);
            assertThat(kv).as(".env.example line %s", l).hasSize(2);
            out.put(kv[0].strip(), kv[1].strip());
        }
        return out;
    }

    static boolean onPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    static List<String> append(List<String> lines, String line) {
        List<String> out = new ArrayList<>(lines);
        out.add(line);
        return out;
    }

    static List<String> replace(List<String> lines, String from, String to) {
        List<String> out = lines.stream().map(l -> l.replace(from, to)).toList();
        assertThat(out).as("mutation %s -> %s applies", from, to).isNotEqualTo(lines);
        return out;
    }
}
