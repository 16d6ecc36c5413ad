// The JVM classpath of the cluster's processes: Flink's runtime, clients, web dashboard and connectors as Maven
// resolved them for the Flink runner (runners/flink/pom.xml writes them to target/classpath.txt when it builds), so
// the cluster runs the very Flink the runner was compiled against.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLASSPATH_FILE = fileURLToPath(new URL('../../../runners/flink/target/classpath.txt', import.meta.url));

export function flinkRuntimeClasspath() {
  if (!existsSync(CLASSPATH_FILE))
    throw new Error(
      `Flink's jars are not resolved yet (${CLASSPATH_FILE} is missing): build the Flink runner first (npm test does)`,
    );
  return readFileSync(CLASSPATH_FILE, 'utf8').trim();
}
