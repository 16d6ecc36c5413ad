// The JVM classpath of the cluster's processes: Flink's runtime, clients, web dashboard and connectors as Maven
// resolved them for the Flink runner (runners/flink/pom.xml writes them to target/classpath.txt), so the cluster runs
// the very Flink the runner was compiled against. Builds the runner first when it is missing or stale.
import { readFileSync } from 'node:fs';
import { ensureMavenModule } from '../maven.mjs';

export function flinkRuntimeClasspath() {
  const { classpathFile } = ensureMavenModule('runners/flink', 'sluice-flink-runner.jar');
  return readFileSync(classpathFile, 'utf8').trim();
}
