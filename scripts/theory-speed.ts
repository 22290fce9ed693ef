/**
 * How long the Appendix C and calibration math takes per recomputation (the page reruns it as
 * sliders move and wants < 50 ms): the binary simulation, the Dirichlet variant (one sample, then
 * the curve), and a teacher's calibration on 10 000 × 10 logits. Prints the fastest and the median
 * of 30 runs after a warm-up, and the CPU time per run (steadier than wall time on a loaded machine).
 *
 *   npx tsx scripts/theory-speed.ts
 */
import { Rng } from '../src/engine/rng';
import { BINARY_SIMULATION_DEFAULTS, binarySimulation, logSpaced, teacherBoost } from '../src/engine/theory/binary-simulation';
import { teacherCalibration } from '../src/engine/theory/calibration';
import { DIRICHLET_SIMULATION_DEFAULTS, dirichletSimulation, sampleDirichletOracle } from '../src/engine/theory/dirichlet-simulation';

function measure(name: string, work: () => unknown, runs = 30): void {
  for (let i = 0; i < 5; i++) work(); // warm-up: let the JIT compile the loops
  const wall: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    wall.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  wall.sort((a, b) => a - b);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  console.log(`${name}: fastest ${wall[0].toFixed(2)} ms, median ${wall[runs >> 1].toFixed(2)} ms, CPU ${cpuMs.toFixed(2)} ms per run`);
}

const temperatures = logSpaced(0.5, 50, 60);
const boost = teacherBoost(0.3);
measure('binary simulation (200 values of s)', () => binarySimulation(BINARY_SIMULATION_DEFAULTS));
const oracle = sampleDirichletOracle(DIRICHLET_SIMULATION_DEFAULTS, new Rng(1));
measure('Dirichlet sample (1 000 points, k = 10)', () => sampleDirichletOracle(DIRICHLET_SIMULATION_DEFAULTS, new Rng(1)));
measure('Dirichlet curve (1 000 points, k = 10, 60 temperatures)', () => dirichletSimulation(oracle, { temperatures, boost, oneHotMinor: 1e-4 }));

const rng = new Rng(2);
const n = 10_000;
const k = 10;
const logits = Float32Array.from({ length: n * k }, () => 5 * rng.normal());
const labels = Int32Array.from({ length: n }, () => rng.int(k));
const oracleRows = new Float32Array(n * k).fill(1 / k);
const taus = [1, 1.5, 2, 3, 5, 8, 10, 15, 20, 30, 50];
measure('teacher calibration (10 000 × 10 logits, 11 τ, with an oracle)', () => teacherCalibration({ logits, classes: k, labels, oracle: oracleRows }, taus), 10);
