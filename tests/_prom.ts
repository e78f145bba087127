/**
 * A small, strict parser of the Prometheus text exposition format (0.0.4),
 * for tests: it throws a `SyntaxError` naming the line for anything a
 * Prometheus server or node_exporter's textfile collector would reject, and
 * also for what the RipTide conventions forbid (a sample without `# TYPE`,
 * a counter not ending in `_total`).
 *
 * @module
 */

/** One sample line. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One metric family: its `# TYPE`, `# HELP` and samples. */
export interface PromFamily {
  name: string;
  type: "counter" | "gauge" | "summary" | "histogram" | "untyped";
  help: string | null;
  samples: PromSample[];
}

const NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "summary", "histogram", "untyped"]);

function parseValue(raw: string, where: string): number {
  if (raw === "NaN") return NaN;
  if (raw === "+Inf" || raw === "Inf") return Infinity;
  if (raw === "-Inf") return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
    throw new SyntaxError(`${where}: invalid value "${raw}"`);
  }
  return Number(raw);
}

/** Parses `{a="x",b="y"}` starting at `text[0] === "{"`; returns labels and the rest. */
function parseLabels(
  text: string,
  where: string,
): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    if (text[i] === "}") return { labels, rest: text.slice(i + 1) };
    const m = /^([^=]*)="/.exec(text.slice(i));
    if (!m) throw new SyntaxError(`${where}: malformed label at "${text.slice(i)}"`);
    const name = m[1]!;
    if (!LABEL_NAME_RE.test(name) || name.startsWith("__")) {
      throw new SyntaxError(`${where}: invalid label name "${name}"`);
    }
    if (name in labels) throw new SyntaxError(`${where}: duplicate label "${name}"`);
    i += m[0].length;
    let value = "";
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new SyntaxError(`${where}: unterminated label value`);
      if (c === "\n") throw new SyntaxError(`${where}: raw newline in label value`);
      if (c === '"') break;
      if (c === "\\") {
        const next = text[i + 1];
        if (next === "\\") value += "\\";
        else if (next === '"') value += '"';
        else if (next === "n") value += "\n";
        else throw new SyntaxError(`${where}: invalid escape "\\${next ?? ""}" in label value`);
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    labels[name] = value;
    i++;
    if (text[i] === ",") i++;
    else if (text[i] !== "}") throw new SyntaxError(`${where}: expected "," or "}" after a label`);
  }
}

function familyOf(sample: string, families: Map<string, PromFamily>): PromFamily | undefined {
  const direct = families.get(sample);
  if (direct) return direct;
  for (const suffix of ["_sum", "_count", "_bucket"]) {
    if (!sample.endsWith(suffix)) continue;
    const f = families.get(sample.slice(0, -suffix.length));
    if (f && (f.type === "summary" || f.type === "histogram")) return f;
  }
  return undefined;
}

/**
 * Parses exposition text strictly and returns its families in order.
 *
 * @example
 * ```ts
 * import { parsePrometheusText } from "./_prom.ts";
 * parsePrometheusText("# HELP a_total A.\n# TYPE a_total counter\na_total 1\n");
 * ```
 */
export function parsePrometheusText(text: string): PromFamily[] {
  if (text !== "" && !text.endsWith("\n")) {
    throw new SyntaxError("The text must end with a newline");
  }
  const families = new Map<string, PromFamily>();
  const order: PromFamily[] = [];
  const seenSeries = new Set<string>();
  let current: PromFamily | null = null;
  const closed = new Set<string>();
  const typed = new Set<string>();
  const lines = text.split("\n");
  lines.pop();
  lines.forEach((line, index) => {
    const where = `line ${index + 1}`;
    if (line.trim() === "") return;
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (!m) return; // a plain comment
      const [, kind, name, arg = ""] = m;
      if (!NAME_RE.test(name!)) throw new SyntaxError(`${where}: invalid metric name "${name}"`);
      let family = families.get(name!);
      if (family && closed.has(name!)) {
        throw new SyntaxError(`${where}: ${kind} for "${name}" after its samples ended`);
      }
      if (!family) {
        family = { name: name!, type: "untyped", help: null, samples: [] };
        families.set(name!, family);
        order.push(family);
      }
      if (current && current !== family) closed.add(current.name);
      current = family;
      if (kind === "HELP") {
        if (family.help !== null) throw new SyntaxError(`${where}: second HELP for "${name}"`);
        if (/\\[^\\n]/.test(arg.replaceAll("\\\\", ""))) {
          throw new SyntaxError(`${where}: invalid escape in HELP text`);
        }
        family.help = arg;
      } else {
        if (!TYPES.has(arg)) throw new SyntaxError(`${where}: unknown type "${arg}"`);
        if (family.samples.length > 0) {
          throw new SyntaxError(`${where}: TYPE for "${name}" after its samples`);
        }
        if (typed.has(family.name)) {
          throw new SyntaxError(`${where}: second TYPE for "${name}"`);
        }
        typed.add(family.name);
        family.type = arg as PromFamily["type"];
        if (family.type === "counter" && !name!.endsWith("_total")) {
          throw new SyntaxError(`${where}: counter "${name}" does not end in _total`);
        }
      }
      return;
    }
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!nameMatch) throw new SyntaxError(`${where}: invalid metric name in "${line}"`);
    const name = nameMatch[0];
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith("{")) ({ labels, rest } = parseLabels(rest, where));
    const parts = rest.trim().split(/\s+/);
    if (!rest.startsWith(" ") || parts.length < 1 || parts.length > 2) {
      throw new SyntaxError(`${where}: expected "name{labels} value [timestamp]"`);
    }
    const value = parseValue(parts[0]!, where);
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) {
      throw new SyntaxError(`${where}: invalid timestamp "${parts[1]}"`);
    }
    const family = familyOf(name, families);
    if (!family || !typed.has(family.name)) {
      throw new SyntaxError(`${where}: sample "${name}" has no # TYPE before it`);
    }
    if (family !== current) {
      throw new SyntaxError(`${where}: sample "${name}" is not grouped with its family`);
    }
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seenSeries.has(key)) throw new SyntaxError(`${where}: duplicate series ${key}`);
    seenSeries.add(key);
    if (family.type === "counter" && !(value >= 0)) {
      throw new SyntaxError(`${where}: counter "${name}" has a negative or NaN value`);
    }
    if (family.type === "summary") {
      const isQuantile = name === family.name;
      if (isQuantile) {
        const q = labels.quantile;
        if (q === undefined) throw new SyntaxError(`${where}: summary sample without quantile`);
        const qv = parseValue(q, where);
        if (!(qv >= 0 && qv <= 1)) throw new SyntaxError(`${where}: quantile "${q}" not in 0..1`);
      } else if ("quantile" in labels) {
        throw new SyntaxError(`${where}: ${name} must not have a quantile label`);
      }
      if (name.endsWith("_bucket")) throw new SyntaxError(`${where}: summary with a _bucket`);
    }
    family.samples.push({ name, labels, value });
  });
  // Every summary series needs _sum and _count.
  for (const family of order) {
    if (family.type !== "summary") continue;
    const series = new Map<string, Set<string>>();
    for (const s of family.samples) {
      const { quantile: _q, ...rest } = s.labels;
      const key = JSON.stringify(Object.entries(rest).sort());
      const kinds = series.get(key) ?? new Set<string>();
      kinds.add(s.name.slice(family.name.length) || "quantile");
      series.set(key, kinds);
    }
    for (const [key, kinds] of series) {
      if (!kinds.has("_sum") || !kinds.has("_count")) {
        throw new SyntaxError(`Summary "${family.name}" series ${key} lacks _sum or _count`);
      }
    }
  }
  return order;
}

/** The value of one series, or undefined. */
export function promValue(
  families: readonly PromFamily[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const want = JSON.stringify(Object.entries(labels).sort());
  for (const f of families) {
    for (const s of f.samples) {
      if (s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want) {
        return s.value;
      }
    }
  }
  return undefined;
}
