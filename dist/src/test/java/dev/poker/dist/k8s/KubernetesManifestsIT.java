package dev.poker.dist.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.dist.LayoutNode;
import dev.poker.server.NodeConfigParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/k8s: every overlay renders with {@code kubectl kustomize}, every rendered object parses strictly
 * against fabric8's Kubernetes API model, and the objects agree with each other and with the node:
 * selectors select the pods they mean, ports line up, probes and HAProxy's check hit paths a real node
 * (started from the container layout) answers, the grace period outlasts the drain deadline, the HPA
 * scales the Deployment on a metric the adapter rule makes out of one the node exports, every Secret and
 * ConfigMap reference resolves, every POKER_ variable is a node setting.
 */
class KubernetesManifestsIT {
    private static final Path K8S = dev.poker.dist.Repository.root().resolve("deploy/k8s");
    private static final Map<String, String> NAMESPACES = Map.of("dev", "poker-dev", "prod", "poker");
    private static final Map<String, RenderedOverlay> OVERLAYS = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        for (String overlay : NAMESPACES.keySet()) {
            Path dir = K8S.resolve("overlays").resolve(overlay);
            List<HasMetadata> objects = StrictKubernetesModel.parse(Kustomize.render(dir), "overlays/" + overlay);
            Map<String, Secret> external = new HashMap<>();
            Path template = dir.resolve("secrets.example.yaml");
            if (Files.exists(template)) {
                for (HasMetadata o : StrictKubernetesModel.parse(Files.readString(template), template.toString())) {
                    external.put(o.getMetadata().getName(), (Secret) o);
                }
            }
            OVERLAYS.put(overlay, new RenderedOverlay(overlay, objects, external));
        }
    }

    private static Stream<RenderedOverlay> overlays() {
        return OVERLAYS.values().stream();
    }

    private static Container node(RenderedOverlay o) {
        return o.one(Deployment.class, "poker-node").getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static int containerPort(Container c, String name) {
        return c.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError(c.getName() + " has no port named " + name));
    }

    @Test
    void everyOverlayHasEveryPieceInItsNamespace() throws Exception {
        overlays().forEach(o -> {
            o.one(Deployment.class, "poker-node");
            o.one(Deployment.class, "poker-lb");
            o.one(Service.class, "poker-node");
            o.one(Service.class, "poker-node-headless");
            o.one(Service.class, "poker-lb");
            o.one(PodDisruptionBudget.class, "poker-node");
            o.one(HorizontalPodAutoscaler.class, "poker-node");
            o.one(NetworkPolicy.class, "redis-from-nodes-only");
            o.one(NetworkPolicy.class, "postgres-from-nodes-only");
            o.one(ConfigMap.class, "prometheus-adapter-poker-rules");
            assertThat(o.objects()).allSatisfy(obj -> assertThat(obj.getMetadata().getNamespace())
                    .as("%s %s", obj.getKind(), obj.getMetadata().getName()).isEqualTo(NAMESPACES.get(o.name())));
        });
        // the pods run as the image's user (Dockerfile: USER 10001:10001), read-only, without privileges
        String imageUser = Files.readAllLines(dev.poker.dist.Repository.root().resolve("Dockerfile")).stream()
                .filter(l -> l.startsWith("USER ")).findFirst().orElseThrow().substring(5).split(":")[0].strip();
        overlays().forEach(o -> {
            var pod = o.one(Deployment.class, "poker-node").getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(Long.parseLong(imageUser));
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(node(o).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(node(o).getVolumeMounts()).extracting(m -> m.getMountPath())
                    .contains(o.environment(node(o)).get("POKER_DATA_DIR"), "/tmp");
        });
        RenderedOverlay prod = OVERLAYS.get("prod");
        prod.one(ServiceMonitor.class, "poker-node");
        assertThat(prod.all(Secret.class)).as("prod renders no Secret: they come from the secret store").isEmpty();
        assertThat(prod.one(Service.class, "poker-lb").getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(node(prod).getImage()).doesNotEndWith(":latest").contains(":");
        // dev's generated Secrets hold only obviously fake credentials
        List<String> notSecret = List.of("poker", "jdbc:postgresql://postgres:5432/poker");
        OVERLAYS.get("dev").all(Secret.class).forEach(s -> s.getData().values().stream()
                .map(v -> new String(java.util.Base64.getDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8))
                .forEach(v -> assertThat(v.contains("dev-only") || notSecret.contains(v)).as("dev value %s", v).isTrue()));
    }

    @Test
    void selectorsMatchTheLabelsOfThePodsTheyMean() {
        overlays().forEach(o -> {
            for (Deployment d : o.all(Deployment.class)) {
                assertThat(RenderedOverlay.selects(d.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
                        .as("%s: Deployment %s selects its own pods", o.name(), d.getMetadata().getName()).isTrue();
            }
            for (Service s : o.all(Service.class)) {
                assertThat(o.deploymentsSelectedBy(s.getSpec().getSelector()))
                        .as("%s: Service %s selects a Deployment's pods", o.name(), s.getMetadata().getName())
                        .extracting(d -> d.getMetadata().getName())
                        .containsExactly(s.getMetadata().getName().startsWith("poker-lb") ? "poker-lb" : "poker-node");
            }
            PodDisruptionBudget pdb = o.one(PodDisruptionBudget.class, "poker-node");
            assertThat(o.deploymentsSelectedBy(pdb.getSpec().getSelector().getMatchLabels()))
                    .extracting(d -> d.getMetadata().getName()).containsExactly("poker-node");
            for (NetworkPolicy p : o.all(NetworkPolicy.class)) {
                Map<String, String> target = p.getSpec().getPodSelector().getMatchLabels();
                p.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                        .map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull).forEach(from -> assertThat(
                                !o.deploymentsSelectedBy(from.getMatchLabels()).isEmpty() || from.getMatchLabels().equals(target))
                                .as("%s: a peer of NetworkPolicy %s selects no pod: %s", o.name(), p.getMetadata().getName(),
                                        from.getMatchLabels()).isTrue());
            }
            // Redis and PostgreSQL are reached from the nodes only
            for (String name : List.of("redis-from-nodes-only", "postgres-from-nodes-only")) {
                NetworkPolicy p = o.one(NetworkPolicy.class, name);
                assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
                assertThat(p.getSpec().getIngress()).allSatisfy(r -> assertThat(r.getFrom()).allSatisfy(peer -> {
                    assertThat(peer.getNamespaceSelector()).isNull();
                    assertThat(peer.getIpBlock()).isNull();
                    assertThat(peer.getPodSelector()).isNotNull();
                }));
                assertThat(o.deploymentsSelectedBy(p.getSpec().getPodSelector().getMatchLabels()))
                        .as("%s selects Redis/PostgreSQL pods, not ours", name).isEmpty();
            }
        });
    }

    @Test
    void portsAgree() throws Exception {
        String haproxyCfg = Files.readString(K8S.resolve("base/haproxy.cfg"));
        Matcher template = Pattern.compile("server-template \\S+ \\d+ \"\\$\\{POKER_NODES_DNS}:(\\d+)\"").matcher(haproxyCfg);
        assertThat(template.find()).as("haproxy.cfg has a server-template on POKER_NODES_DNS").isTrue();
        overlays().forEach(o -> {
            Container node = node(o);
            int http = containerPort(node, "http");
            assertThat(o.environment(node)).containsEntry("POKER_PORT", Integer.toString(http));
            assertThat(Integer.parseInt(template.group(1))).isEqualTo(http);
            Map<String, String> annotations = o.one(Deployment.class, "poker-node").getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).containsEntry("prometheus.io/port", Integer.toString(http))
                    .containsEntry("prometheus.io/scrape", "true");
            for (Service s : o.all(Service.class)) {
                Container target = o.deploymentsSelectedBy(s.getSpec().getSelector()).get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
                for (ServicePort p : s.getSpec().getPorts()) {
                    assertThat(containerPort(target, p.getTargetPort().getStrVal())).isPositive();
                }
            }
            Container lb = o.one(Deployment.class, "poker-lb").getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(o.environment(lb)).containsEntry("POKER_LB_BIND", ":" + containerPort(lb, "http"))
                    .containsEntry("POKER_LB_HEALTH_BIND", ":" + containerPort(lb, "health"))
                    .containsEntry("POKER_NODES_DNS", "poker-node-headless.$(POD_NAMESPACE).svc.cluster.local");
            assertThat(o.one(Service.class, "poker-node-headless").getSpec().getClusterIP()).isEqualTo("None");
            NetworkPolicy nodeIngress = o.one(NetworkPolicy.class, "poker-node-ingress");
            assertThat(nodeIngress.getSpec().getIngress()).allSatisfy(r -> assertThat(r.getPorts())
                    .allSatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(http)));
            o.all(ServiceMonitor.class).forEach(m -> m.getSpec().getEndpoints().forEach(e -> assertThat(
                    o.all(Service.class).stream().filter(s -> RenderedOverlay.selects(m.getSpec().getSelector(), s.getMetadata().getLabels()))
                            .flatMap(s -> s.getSpec().getPorts().stream()).map(ServicePort::getName)).contains(e.getPort())));
        });
    }

    @Test
    void theGracePeriodOutlastsTheDrainDeadline() {
        String defaultDeadline = NodeConfigParser.SETTINGS.stream().filter(s -> s.env().equals("POKER_DRAIN_DEADLINE_MS"))
                .findFirst().orElseThrow().defaultValue();
        overlays().forEach(o -> {
            Deployment d = o.one(Deployment.class, "poker-node");
            long drainMs = Long.parseLong(o.environment(node(o)).getOrDefault("POKER_DRAIN_DEADLINE_MS", defaultDeadline));
            long graceMs = d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() * 1000;
            // the drain, then the last writes and the JVM's exit: 10 s of margin at least
            assertThat(graceMs).as("%s: grace period vs drain deadline %d ms", o.name(), drainMs).isGreaterThan(drainMs + 10_000);
            assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        });
    }

    @Test
    void theAutoscalerScalesTheDeploymentOnSeatedPlayersWithCpuAsFallback() throws Exception {
        String rules = OVERLAYS.get("prod").one(ConfigMap.class, "prometheus-adapter-poker-rules").getData().get("config.yaml");
        Matcher as = Pattern.compile("as: \"(\\w+)\"").matcher(rules);
        Matcher series = Pattern.compile("seriesQuery: '(\\w+)\\{").matcher(rules);
        assertThat(as.find() && series.find()).as("the adapter rule names its series and its metric").isTrue();
        overlays().forEach(o -> {
            HorizontalPodAutoscaler hpa = o.one(HorizontalPodAutoscaler.class, "poker-node");
            var target = hpa.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).isEqualTo("Deployment");
            assertThat(target.getApiVersion()).isEqualTo("apps/v1");
            Deployment d = o.one(Deployment.class, target.getName());
            assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(d.getSpec().getReplicas());
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            List<MetricSpec> metrics = hpa.getSpec().getMetrics();
            assertThat(metrics).extracting(MetricSpec::getType).containsExactly("Pods", "Resource");
            assertThat(metrics.get(0).getPods().getMetric().getName()).isEqualTo(as.group(1));
            assertThat(metrics.get(1).getResource().getName()).isEqualTo("cpu");
            assertThat(node(o).getResources().getRequests()).containsKey("cpu"); // CPU utilization needs a request
        });
        try (LayoutNode node = LayoutNode.start(Files.createTempDirectory("k8s-metrics"))) {
            assertThat(node.get("/metrics").body()).containsPattern("(?m)^" + series.group(1) + " ");
        }
    }

    @Test
    void everySecretConfigMapAndSettingReferenceResolves() {
        overlays().forEach(o -> {
            for (Deployment d : o.all(Deployment.class)) {
                for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                    if (c.getEnv() != null) {
                        c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                                .map(e -> e.getValueFrom().getSecretKeyRef()).forEach(ref -> assertThat(
                                        o.secret(ref.getName()).map(RenderedOverlay::keys).orElseThrow(() -> new AssertionError(
                                                o.name() + ": no Secret " + ref.getName()))).contains(ref.getKey()));
                    }
                    o.environment(c); // every envFrom ConfigMap exists
                }
                d.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                        .forEach(v -> o.one(ConfigMap.class, v.getConfigMap().getName()));
            }
            List<String> settings = NodeConfigParser.SETTINGS.stream().map(NodeConfigParser.Setting::env).toList();
            assertThat(o.environment(node(o)).keySet().stream().filter(k -> k.startsWith("POKER_")))
                    .allSatisfy(k -> assertThat(settings.contains(k) || k.equals("POKER_MAX_RAM_PERCENTAGE"))
                            .as("%s is a node setting", k).isTrue());
        });
    }

    @Test
    void probesAndChecksHitPathsTheNodeServes(@TempDir Path dir) throws Exception {
        Matcher check = Pattern.compile("http-check send meth GET uri (\\S+)").matcher(Files.readString(K8S.resolve("base/haproxy.cfg")));
        assertThat(check.find()).isTrue();
        Container c = node(OVERLAYS.get("prod"));
        List<Probe> probes = List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe());
        assertThat(probes).allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http"));
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        try (LayoutNode node = LayoutNode.start(dir)) {
            for (String path : Stream.concat(probes.stream().map(Probe::getHttpGet).map(HTTPGetAction::getPath),
                    Stream.of(check.group(1), "/metrics")).distinct().toList()) {
                assertThat(node.get(path).statusCode()).as("GET %s on a started node", path).isEqualTo(200);
            }
        }
    }

    @Test
    void haproxyAcceptsItsConfiguration() throws Exception {
        String haproxy = System.getProperty("POKER_TEST_HAPROXY_BIN", System.getenv().getOrDefault("POKER_TEST_HAPROXY_BIN", "haproxy"));
        ProcessBuilder pb = new ProcessBuilder(haproxy, "-c", "-f", K8S.resolve("base/haproxy.cfg").toString())
                .redirectErrorStream(true);
        // HAProxy's environment as the prod overlay's poker-lb container gets it (-c binds nothing)
        RenderedOverlay prod = OVERLAYS.get("prod");
        Container lb = prod.one(Deployment.class, "poker-lb").getSpec().getTemplate().getSpec().getContainers().get(0);
        prod.environment(lb).forEach((k, v) -> pb.environment().put(k, v.replace("$(POD_NAMESPACE)", "poker")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
