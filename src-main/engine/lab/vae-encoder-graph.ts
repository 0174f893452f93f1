// The VAE encoder cut before its sampling: diffusers' ONNX export draws `latent_sample = mean + std·noise`
// with an unseeded RandomNormalLike inside the graph; this finds that node, makes the posterior mean and
// std the graph's outputs and drops the random branch, so the caller samples with a seeded generator.
// Not here: running it (vae-encode.ts) or other encoder layouts (a clear error names what was expected).
import { StudioError } from '../../../src-shared/errors.js';
import type { OnnxModelObject } from '../onnx/index.js';

export interface PosteriorOutputs {
  mean: string;
  std: string;
}

type Node = { input?: string[]; output?: string[]; opType: string; name?: string };

/** Passes a value through unchanged (or as a type cast) on its way from the draw to the multiply. */
const PASS_THROUGH = new Set(['Cast', 'Identity']);

/** Finds `latent_sample = Add(mean, Mul(std, Cast(RandomNormalLike(…))))` in either operand order. */
export function findPosterior(model: OnnxModelObject, file: string): PosteriorOutputs {
  const nodes: Node[] = model.graph.node ?? [];
  const consumers = (value: string) => nodes.filter((n) => n.input?.includes(value));
  const unsupported = (why: string) => new StudioError(
    'engine/vae-encoder-unsupported',
    `${file}: cannot find the posterior mean and std in this VAE encoder (${why}). The Lab expects diffusers' ONNX export, where latent_sample = mean + std · RandomNormalLike(…); re-export the model with diffusers or optimum.`,
    { file },
  );
  const draws = nodes.filter((n) => n.opType === 'RandomNormalLike' || n.opType === 'RandomNormal');
  if (draws.length !== 1) throw unsupported(`${draws.length} RandomNormal nodes, 1 expected`);
  let value = draws[0].output![0];
  let next = consumers(value);
  while (next.length === 1 && PASS_THROUGH.has(next[0].opType)) {
    value = next[0].output![0];
    next = consumers(value);
  }
  const mul = next.length === 1 && next[0].opType === 'Mul' ? next[0] : undefined;
  if (!mul) throw unsupported(`the draw feeds ${next.map((n) => n.opType).join(', ') || 'nothing'}, not one Mul`);
  const std = mul.input!.find((i) => i !== value);
  const add = consumers(mul.output![0]);
  if (!std || add.length !== 1 || add[0].opType !== 'Add') throw unsupported('the scaled draw is not added to a mean');
  const mean = add[0].input!.find((i) => i !== mul.output![0]);
  if (!mean) throw unsupported('the Add has no mean operand');
  return { mean, std };
}

/**
 * The encoder with outputs [mean, std] (in that order, float like its input) and only the nodes and
 * initializers they need; `model` itself is left as it was.
 */
export function posteriorModel(model: OnnxModelObject, file: string): { model: OnnxModelObject; outputs: PosteriorOutputs } {
  const outputs = findPosterior(model, file);
  const graph = model.graph;
  const elemType = graph.input?.[0]?.type?.tensorType?.elemType ?? 1;
  const nodes: Node[] = graph.node ?? [];
  const producer = new Map<string, Node>();
  for (const n of nodes) for (const o of n.output ?? []) producer.set(o, n);
  const needed = new Set<Node>();
  const values = new Set<string>();
  const stack = [outputs.mean, outputs.std];
  while (stack.length) {
    const v = stack.pop()!;
    if (values.has(v)) continue;
    values.add(v);
    const n = producer.get(v);
    if (n && !needed.has(n)) {
      needed.add(n);
      for (const i of n.input ?? []) if (i) stack.push(i);
    }
  }
  const cut = {
    ...model,
    graph: {
      ...graph,
      node: nodes.filter((n) => needed.has(n)),
      initializer: (graph.initializer ?? []).filter((t: { name: string }) => values.has(t.name)),
      valueInfo: (graph.valueInfo ?? []).filter((v: { name: string }) => values.has(v.name)),
      output: [outputs.mean, outputs.std].map((name) => ({ name, type: { tensorType: { elemType } } })),
    },
  };
  return { model: cut, outputs };
}
