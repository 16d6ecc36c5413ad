/**
 * What both of Flink's plan formats say once read: operators (a JobGraph plan's chains already taken apart)
 * and the exchanges between them, each with the JSON path in the file it came from, for notes and problems.
 */
export interface FlinkPlanOperator {
  /** Unique within the plan; only links exchanges to operators. */
  ref: string;
  flinkName: string;
  parallelism: number;
  path: string;
}

export interface FlinkPlanExchange {
  from: string;
  to: string;
  /** Flink's ship strategy, the partitioner's name: FORWARD, HASH, REBALANCE... */
  shipStrategy: string;
  path: string;
  /** Where the exchange's own remark belongs, e.g. the input whose upstream chain branches. */
  note?: string;
}

export interface FlinkPlan {
  name: string | undefined;
  operators: FlinkPlanOperator[];
  exchanges: FlinkPlanExchange[];
}

/** A note or a problem of an import: where in the Flink file, and what. */
export interface ImportMessage {
  path: string;
  message: string;
}
