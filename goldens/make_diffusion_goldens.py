"""Generate goldens/diffusion-schedule.json: the cosine noise schedule computed independently with numpy.

Run from the repository root with /usr/bin/python3:

    /usr/bin/python3 goldens/make_diffusion_goldens.py

The schedule is Nichol & Dhariwal 2021, "Improved denoising diffusion probabilistic models", eq. 17, in the form of
their reference code (improved-diffusion, gaussian_diffusion.betas_for_alpha_bar): T = 1000,
alpha_bar(t) = f(t) / f(0), f(t) = cos^2(((t / T + s) / (1 + s)) * pi / 2), s = 0.008,
beta_i = min(1 - alpha_bar((i + 1) / T) / alpha_bar(i / T), 0.999) for i = 0 .. T - 1, and the model's alpha_bar is
cumprod(1 - beta). Index i is the paper's step t = i + 1.

Schema
------
{
  "numpy": "1.24.2", "T": 1000, "s": 0.008, "max_beta": 0.999,
  "clipped": [i, ...],                 # indices where the 0.999 clip acts
  "points": [                          # src/ml/diffusion/schedule.test.ts compares every field
    {"i", "beta", "alpha", "alpha_bar",                # alpha_bar = cumprod(1 - beta)[i]
     "alpha_bar_cosine",                               # f(i + 1) / f(0), before clipping: equal where unclipped
     "alpha_bar_prev",                                 # 1 at i = 0
     "sqrt_alpha_bar", "sqrt_one_minus_alpha_bar",     # q(x_t | x_0) = N(sqrt_alpha_bar x_0, (1 - alpha_bar) I)
     "posterior_variance",                             # beta (1 - alpha_bar_prev) / (1 - alpha_bar)
     "posterior_mean_coef_x0", "posterior_mean_coef_xt"}
  ],
  "ddim": [{"S", "steps"}]             # numpy.linspace(0, T - 1, S) rounded: DDIM's evenly spaced steps
                                       # (S chosen so that no value is a tie at .5, where numpy and JS round differently)
}

Deterministic: two runs give byte-identical output.
"""

import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'diffusion-schedule.json')
T = 1000
S_OFFSET = 0.008
MAX_BETA = 0.999
POINTS = [0, 1, 2, 9, 49, 99, 249, 499, 749, 899, 949, 989, 995, 998, 999]
DDIM_STEPS = [1, 2, 10, 20, 50, 100]


def f(t):
    return np.cos(((t / T + S_OFFSET) / (1 + S_OFFSET)) * np.pi / 2) ** 2


def main():
    i = np.arange(T, dtype=np.float64)
    ratio = f(i + 1) / f(i)
    beta = np.minimum(1 - ratio, MAX_BETA)
    alpha = 1 - beta
    alpha_bar = np.cumprod(alpha)
    alpha_bar_prev = np.append(1.0, alpha_bar[:-1])
    alpha_bar_cosine = f(i + 1) / f(0.0)
    posterior_variance = beta * (1 - alpha_bar_prev) / (1 - alpha_bar)
    coef_x0 = beta * np.sqrt(alpha_bar_prev) / (1 - alpha_bar)
    coef_xt = (1 - alpha_bar_prev) * np.sqrt(alpha) / (1 - alpha_bar)

    points = []
    for k in POINTS:
        points.append({
            'i': k,
            'beta': float(beta[k]),
            'alpha': float(alpha[k]),
            'alpha_bar': float(alpha_bar[k]),
            'alpha_bar_cosine': float(alpha_bar_cosine[k]),
            'alpha_bar_prev': float(alpha_bar_prev[k]),
            'sqrt_alpha_bar': float(np.sqrt(alpha_bar[k])),
            'sqrt_one_minus_alpha_bar': float(np.sqrt(1 - alpha_bar[k])),
            'posterior_variance': float(posterior_variance[k]),
            'posterior_mean_coef_x0': float(coef_x0[k]),
            'posterior_mean_coef_xt': float(coef_xt[k]),
        })
    ddim = []
    for S in DDIM_STEPS:
        raw = np.linspace(0, T - 1, S)
        frac = raw - np.floor(raw)
        assert not np.any(np.isclose(frac, 0.5)), f'S = {S} has a rounding tie'
        ddim.append({'S': S, 'steps': [int(v) for v in np.round(raw)] if S > 1 else [T - 1]})
    out = {
        'numpy': np.__version__, 'T': T, 's': S_OFFSET, 'max_beta': MAX_BETA,
        'clipped': [int(k) for k in np.nonzero(1 - ratio > MAX_BETA)[0]],
        'points': points,
        'ddim': ddim,
    }
    with open(OUT, 'w') as fh:
        json.dump(out, fh, indent=1)
        fh.write('\n')


if __name__ == '__main__':
    main()
