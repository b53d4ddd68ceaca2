import { Impairment, DROP, PASS, PortId } from './impairment';

/**
 * Cuts traffic between two ports in both directions while each keeps talking to the
 * rest of the lab. Installed on the egress pipelines of both ports (it looks at
 * `fromPort`), which LearningSwitch.partition() does.
 */
export function partition(a: PortId, b: PortId): Impairment {
  return {
    label: `partition(${a}|${b})`,
    decide: (context) =>
      (context.port === a && context.fromPort === b) || (context.port === b && context.fromPort === a)
        ? DROP
        : PASS,
  };
}
