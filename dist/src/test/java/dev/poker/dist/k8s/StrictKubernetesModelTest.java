package dev.poker.dist.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict parse that KubernetesManifestsIT relies on: it refuses what fabric8 alone would accept. */
class StrictKubernetesModelTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              %s: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1
                      %s: {}
            """;

    @Test
    void parsesKnownKindsIntoTheirModelClasses() {
        List<HasMetadata> objects = StrictKubernetesModel.parse(DEPLOYMENT.formatted("replicas", "resources")
                + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n", "test");
        assertThat(objects).hasSize(2);
        assertThat(((Deployment) objects.get(0)).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void refusesAFieldTheModelDoesNotKnowAtAnyDepth() {
        assertThatThrownBy(() -> StrictKubernetesModel.parse(DEPLOYMENT.formatted("replica", "resources"), "test"))
                .hasMessageContaining("Deployment/web.spec.replica");
        assertThatThrownBy(() -> StrictKubernetesModel.parse(DEPLOYMENT.formatted("replicas", "resourcez"), "test"))
                .hasMessageContaining("spec.template.spec.containers[0].resourcez");
    }

    @Test
    void refusesAKindTheModelDoesNotKnow() {
        assertThatThrownBy(() -> StrictKubernetesModel.parse("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n", "test"))
                .hasMessageContaining("example.com/v1/Widget is not in the Kubernetes API model");
    }
}
