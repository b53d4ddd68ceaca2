/**
 * Retransmission timeout estimator of RFC 6298 §2.
 *
 * Karn's rule (RFC 6298 §3) is the caller's duty: only feed samples of segments that were
 * never retransmitted. The backed-off RTO (§5.5) is kept until the next valid sample
 * recomputes it from SRTT and RTTVAR (§5.7 note).
 */

/** Clock granularity G of §2: our clock counts milliseconds. */
const CLOCK_GRANULARITY_MS = 1;
const ALPHA = 1 / 8;
const BETA = 1 / 4;
const K = 4;

export interface RtoBounds {
  initialRto: number;
  minRto: number;
  maxRto: number;
}

export class RttEstimator {
  private srtt: number | null = null;
  private rttvar = 0;
  private current: number;

  constructor(private readonly bounds: RtoBounds) {
    this.current = this.clamp(bounds.initialRto);
  }

  /** The retransmission timeout to arm now, in ms. */
  get rto(): number {
    return this.current;
  }

  get smoothedRtt(): number | null {
    return this.srtt;
  }

  get rttVariance(): number {
    return this.rttvar;
  }

  /** §2.2 (first measurement) and §2.3 (subsequent ones). */
  sample(rtt: number): void {
    if (this.srtt === null) {
      this.srtt = rtt;
      this.rttvar = rtt / 2;
    } else {
      this.rttvar = (1 - BETA) * this.rttvar + BETA * Math.abs(this.srtt - rtt);
      this.srtt = (1 - ALPHA) * this.srtt + ALPHA * rtt;
    }
    this.current = this.clamp(this.srtt + Math.max(CLOCK_GRANULARITY_MS, K * this.rttvar));
  }

  /** §5.5: double the RTO after a retransmission timeout, up to the maximum. */
  backoff(): void {
    this.current = Math.min(this.current * 2, this.bounds.maxRto);
  }

  private clamp(rto: number): number {
    return Math.min(Math.max(rto, this.bounds.minRto), this.bounds.maxRto);
  }
}
