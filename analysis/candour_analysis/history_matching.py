"""History matching (Vernon, Goldstein and Bower 2010; Andrianakis et al. 2015): the mathematics.

Inputs are points of the unit hypercube [0, 1]^k (each calibrated parameter scaled to its prior
range); outputs are one number per target. For each target an *emulator* stands in for the model:
a linear mean in a few *active* inputs (chosen by forward selection) plus a Gaussian process on
the residual (scikit-learn's GaussianProcessRegressor, squared-exponential kernel with one length
scale per active input and a nugget for the inactive inputs and the replicate noise). A point x is
*implausible* for target t when

    I_t(x) = |z_t - E[f_t(x)]| / sqrt(V_em,t(x) + V_run,t + V_disc,t + V_obs,t) > cutoff

with z_t the observation, V_em the emulator's variance of the mean run (nugget excluded), V_run
the variance of one run about that mean: the larger of the replicate (seed) variance measured at
the defaults and the emulator's fitted nugget (which also holds what the inactive inputs do), V_disc
the model discrepancy and V_obs the observation variance. A point is non-implausible when max_t I_t(x) <= cutoff in every wave so
far. Nothing here reads or writes files; calibration.py runs the waves.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np


@dataclass
class Target:
    """An observation to match: its value, and the variances the implausibility divides by."""

    name: str
    observed: float
    observation_var: float
    discrepancy_var: float
    replicate_var: float = 0.0

    def denominator_var(self, nugget: float = 0.0) -> float:
        """Everything but the emulator's own variance: observation, discrepancy, and one run's
        variance about the mean (the replicate variance, or the nugget when larger)."""
        return self.observation_var + self.discrepancy_var + max(self.replicate_var, nugget)


@dataclass
class Emulator:
    """One target's emulator: linear mean in the active inputs plus a Gaussian process."""

    active: list[int]
    coefficients: np.ndarray  # intercept first, then one per active input
    gp: object  # sklearn GaussianProcessRegressor fitted to the residuals (normalised)
    scale: float  # the residuals' standard deviation (the GP works on residuals / scale)
    nugget: float  # fitted white-noise variance, in output units squared
    loo_standardised: np.ndarray = field(default_factory=lambda: np.empty(0))

    def _design(self, x: np.ndarray) -> np.ndarray:
        return np.column_stack([np.ones(len(x)), x[:, self.active]])

    def predict(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean and variance of the mean run at each row of x (the nugget left out)."""
        x = np.atleast_2d(np.asarray(x, dtype=float))
        mean_gp, sd_gp = self.gp.predict(x[:, self.active], return_std=True)
        mean = self._design(x) @ self.coefficients + self.scale * mean_gp
        var = np.maximum((self.scale * sd_gp) ** 2 - self.nugget, 0.0)
        return mean, var


def select_active(x: np.ndarray, y: np.ndarray, most: int) -> list[int]:
    """Forward selection of inputs for a linear fit: add the input that lowers the residual sum of
    squares most, while it lowers it by more than 1% of the total and at most `most` inputs."""
    n, k = x.shape
    chosen: list[int] = []
    total = float(np.sum((y - y.mean()) ** 2)) or 1.0
    rss = total
    while len(chosen) < min(most, k, max(n // 4, 1)):
        best, best_rss = None, rss
        for j in range(k):
            if j in chosen:
                continue
            a = np.column_stack([np.ones(n), x[:, chosen + [j]]])
            coef, *_ = np.linalg.lstsq(a, y, rcond=None)
            r = float(np.sum((y - a @ coef) ** 2))
            if r < best_rss:
                best, best_rss = j, r
        if best is None or rss - best_rss < 0.01 * total:
            break
        chosen.append(best)
        rss = best_rss
    return chosen or [int(np.argmax(np.abs([np.corrcoef(x[:, j], y)[0, 1] if np.std(x[:, j]) > 0
                                            else 0.0 for j in range(k)])))]


def fit_emulator(x: Sequence[Sequence[float]], y: Sequence[float], most_active: int = 6,
                 seed: int = 0) -> Emulator:
    """Fits one target's emulator to runs at unit-cube points x with outputs y."""
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel

    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = np.isfinite(y)
    x, y = x[keep], y[keep]
    active = select_active(x, y, most_active)
    a = np.column_stack([np.ones(len(x)), x[:, active]])
    coefficients, *_ = np.linalg.lstsq(a, y, rcond=None)
    residual = y - a @ coefficients
    scale = float(np.std(residual)) or 1.0
    kernel = (ConstantKernel(1.0, (1e-3, 1e2))
              * RBF(length_scale=np.full(len(active), 0.5), length_scale_bounds=(0.05, 20.0))
              + WhiteKernel(0.1, (1e-6, 2.0)))
    gp = GaussianProcessRegressor(kernel=kernel, normalize_y=False, n_restarts_optimizer=2,
                                  random_state=seed)
    with warnings.catch_warnings():
        # A length scale at its bound only means the input barely matters here.
        warnings.simplefilter("ignore", ConvergenceWarning)
        gp.fit(x[:, active], residual / scale)
    nugget = float(gp.kernel_.k2.noise_level) * scale**2
    emulator = Emulator(active, coefficients, gp, scale, nugget)
    emulator.loo_standardised = leave_one_out(emulator, x, y)
    return emulator


def leave_one_out(emulator: Emulator, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Standardised leave-one-out errors (y_i - m_-i) / sd_-i of the Gaussian process with its
    hyperparameters and linear mean held fixed (the closed form of Dubrule 1983): mostly within
    +-2, and within +-3 for all but a few points, if the emulator's variance is honest."""
    xa = x[:, emulator.active]
    k = emulator.gp.kernel_(xa)  # includes the nugget on the diagonal
    inverse = np.linalg.inv(k)
    r = (y - emulator._design(x) @ emulator.coefficients) / emulator.scale
    alpha = inverse @ r
    diag = np.diag(inverse)
    error = alpha / diag  # r_i - m_-i
    sd = np.sqrt(1.0 / diag)
    return error / sd


def implausibility(emulators: Sequence[Emulator], targets: Sequence[Target],
                   x: np.ndarray) -> np.ndarray:
    """I_t(x) for every point (rows) and target (columns)."""
    x = np.atleast_2d(np.asarray(x, dtype=float))
    out = np.empty((len(x), len(targets)))
    for j, (emulator, target) in enumerate(zip(emulators, targets)):
        mean, var = emulator.predict(x)
        out[:, j] = np.abs(target.observed - mean) / np.sqrt(
            var + target.denominator_var(emulator.nugget))
    return out


@dataclass
class Wave:
    """One wave's emulators and the targets they match."""

    emulators: list[Emulator]
    targets: list[Target]
    cutoff: float = 3.0
    # Which implausibility over the targets decides: 1 the largest, 2 the second largest
    # (Vernon et al. 2010: robust to one poor emulator, for an early wave).
    rank: int = 1

    def measure(self, x: np.ndarray) -> np.ndarray:
        """The deciding implausibility at each row of x."""
        i = implausibility(self.emulators, self.targets, x)
        rank = min(self.rank, i.shape[1])
        return np.sort(i, axis=1)[:, -rank]

    def plausible(self, x: np.ndarray) -> np.ndarray:
        if not self.emulators:
            return np.ones(len(np.atleast_2d(x)), dtype=bool)
        return self.measure(x) <= self.cutoff


def non_implausible(waves: Sequence[Wave], x: np.ndarray) -> np.ndarray:
    """Which rows of x no wave so far rules out."""
    keep = np.ones(len(x), dtype=bool)
    for wave in waves:
        if keep.any():
            keep[keep] = wave.plausible(x[keep])
    return keep


@dataclass
class Region:
    """Samples of the current non-implausible region and an estimate of its volume (as a share
    of the unit cube), from uniform candidates in a box that holds the region."""

    samples: np.ndarray
    volume: float
    box_low: np.ndarray
    box_high: np.ndarray
    candidates: int


def sample_region(waves: Sequence[Wave], box_low: np.ndarray, box_high: np.ndarray,
                  candidates: int, rng: np.random.Generator) -> Region:
    """Uniform candidates in the box, kept when non-implausible. The box must hold the whole
    region (the previous wave's region, widened a little: see `enclosing_box`)."""
    box_low, box_high = np.asarray(box_low, float), np.asarray(box_high, float)
    x = box_low + rng.random((candidates, len(box_low))) * (box_high - box_low)
    keep = non_implausible(waves, x)
    volume = float(keep.mean() * np.prod(box_high - box_low))
    return Region(x[keep], volume, box_low, box_high, candidates)


def grow_samples(waves: Sequence[Wave], samples: np.ndarray, low: np.ndarray, high: np.ndarray,
                 wanted: int, rng: np.random.Generator, rounds: int = 60) -> np.ndarray:
    """More samples of a region too small for uniform candidates to find often: Gaussian steps
    from the samples found (a tenth of the box's width, shrinking while few are accepted), kept
    when non-implausible, until there are `wanted`. They cluster more than uniform draws would;
    the volume estimate uses the uniform candidates alone."""
    samples = np.atleast_2d(samples)
    if len(samples) == 0 or len(samples) >= wanted:
        return samples
    step = 0.1 * (high - low)
    for _ in range(rounds):
        base = samples[rng.integers(len(samples), size=2 * wanted)]
        proposal = np.clip(base + step * rng.standard_normal(base.shape), low, high)
        ok = non_implausible(waves, proposal)
        samples = np.vstack([samples, proposal[ok]])
        if len(samples) >= wanted:
            break
        if ok.mean() < 0.2:
            step *= 0.7
    return samples


def enclosing_box(samples: np.ndarray, margin: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """The samples' bounding box widened by `margin` of its width on each side, within [0, 1]."""
    low, high = samples.min(axis=0), samples.max(axis=0)
    width = np.maximum(high - low, 1e-6)
    return np.clip(low - margin * width, 0, 1), np.clip(high + margin * width, 0, 1)


def maximin_subset(samples: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """n rows of `samples` spread over them: greedy farthest-point selection from a random start
    (the space-filling design of the next wave inside the non-implausible region)."""
    if len(samples) <= n:
        return samples.copy()
    chosen = [int(rng.integers(len(samples)))]
    distance = np.linalg.norm(samples - samples[chosen[0]], axis=1)
    while len(chosen) < n:
        nxt = int(np.argmax(distance))
        chosen.append(nxt)
        distance = np.minimum(distance, np.linalg.norm(samples - samples[nxt], axis=1))
    return samples[chosen]


def latin_hypercube(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """n points in [0,1]^k, one per stratum of every axis (as `candour sweep`'s design)."""
    strata = np.column_stack([rng.permutation(n) for _ in range(k)])
    return (strata + rng.random((n, k))) / n


def loo_summary(emulator: Emulator) -> dict:
    """What the report states about an emulator's leave-one-out check."""
    z = emulator.loo_standardised
    return {"points": int(len(z)), "within_2": float(np.mean(np.abs(z) <= 2)) if len(z) else 0.0,
            "within_3": float(np.mean(np.abs(z) <= 3)) if len(z) else 0.0,
            "active": list(emulator.active)}
