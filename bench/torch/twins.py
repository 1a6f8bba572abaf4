"""PyTorch twins of the studio's networks and training steps, for bench/torch.ts (npm run bench:torch).

Each twin is built from the same hyper-parameters as the tfjs model (ModelConfig.hyper) and must have the same
parameter count (the driver asserts it): the generator and discriminator / critic of src/ml/models/adversarial.ts
with gan.ts's and wgan.ts's steps (WGAN-GP with its second-order penalty), and the U-Net of
src/ml/diffusion/unet.ts with diffusion.ts's step (Adam, then the EMA). TensorFlow's 'same' padding is spelled
out, because PyTorch pads symmetrically and a 5-wide map would then shrink to 2 instead of 3.

A server on stdin/stdout, one JSON object a line, so that the driver can interleave its steps with ours:
  {"cmd": "build", "kind": "gan", "hyper": {...}, "batch": 16, "device": "cpu"} -> {"parameters": n}
  {"cmd": "step"} -> {"cpu_ms": ..., "wall_ms": ...}   (CUDA: wall time after synchronising)
"""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

LAYERS = 4
SIZE = 64


def same_padding(size, kernel, stride):
    """TensorFlow's 'same': output ceil(size / stride), the odd pixel of padding after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class SameConv(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1, bias=True):
        super().__init__()
        self.kernel, self.stride = kernel, stride
        self.conv = nn.Conv2d(cin, cout, kernel, stride, bias=bias)

    def forward(self, x):
        top, bottom = same_padding(x.shape[2], self.kernel, self.stride)
        left, right = same_padding(x.shape[3], self.kernel, self.stride)
        return self.conv(F.pad(x, (left, right, top, bottom)))


def same_transposed(cin, cout, kernel, stride, bias):
    """tf.conv2dTranspose with 'same': output = input × stride."""
    padding = -(-(kernel - stride) // 2)
    return nn.ConvTranspose2d(cin, cout, kernel, stride, padding, output_padding=2 * padding - (kernel - stride), bias=bias)


# ---- GAN and WGAN-GP (src/ml/models/adversarial.ts) ----

class Generator(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.base, self.width = int(h["generatorBase"]), int(h["generatorWidth"])
        resolution = int(h.get("resolution", SIZE))
        ups = int(round(math.log2(resolution / self.base)))
        kernel = int(h["kernel"])
        self.dense = nn.Linear(int(h["latentDim"]), self.base * self.base * self.width)
        self.norm0 = nn.BatchNorm2d(self.width)
        layers, channels = [], self.width
        for i in range(1, ups):
            filters = max(1, self.width >> i)
            layers += [same_transposed(channels, filters, kernel, 2, False), nn.BatchNorm2d(filters), nn.ReLU()]
            channels = filters
        layers.append(same_transposed(channels, LAYERS, kernel, 2, True))
        self.body = nn.Sequential(*layers)

    def forward(self, z):
        x = self.dense(z).view(z.shape[0], self.base, self.base, self.width).permute(0, 3, 1, 2)
        return torch.tanh(self.body(F.relu(self.norm0(x))) - 2)


class Scorer(nn.Module):
    def __init__(self, h, role, resolution):
        super().__init__()
        width, kernel = int(h[f"{role}Width"]), int(h["kernel"])
        layers, channels, side = [], LAYERS, resolution
        for i in range(int(h["downsamplings"])):
            filters = width << i
            layers.append(SameConv(channels, filters, kernel, 2, bias=i == 0))
            if i > 0:
                # Layer norm over (C, H, W) with a per-channel affine is GroupNorm with one group.
                layers.append(nn.BatchNorm2d(filters) if role == "discriminator" else nn.GroupNorm(1, filters))
            layers.append(nn.LeakyReLU(0.2))
            channels, side = filters, -(-side // 2)
        self.body = nn.Sequential(*layers)
        self.output = nn.Linear(side * side * channels, 1)

    def forward(self, x):
        return self.output(self.body(x).flatten(1))


def adam(params, h):
    return torch.optim.Adam(params, lr=h["learningRate"], betas=(h["beta1"], h["beta2"]))


class Adversarial:
    def __init__(self, kind, h, batch, device):
        self.kind, self.batch, self.device = kind, batch, device
        self.resolution = int(h.get("resolution", SIZE))
        self.latent = int(h["latentDim"])
        self.generator = Generator(h).to(device)
        role = "discriminator" if kind == "gan" else "critic"
        self.scorer = Scorer(h, role, self.resolution).to(device)
        self.g_opt, self.s_opt = adam(self.generator.parameters(), h), adam(self.scorer.parameters(), h)
        self.critic_steps = int(h.get("criticSteps", 5))
        self.penalty = h.get("penaltyWeight", 10.0)
        self.real = torch.rand(batch, LAYERS, self.resolution, self.resolution, device=device) * 2 - 1

    def parameters(self):
        return sum(p.numel() for m in (self.generator, self.scorer) for p in m.parameters())

    def z(self):
        return torch.randn(self.batch, self.latent, device=self.device)

    def generator_step(self, loss_of):
        # The scorer's weights get no gradient here, as in tfjs (it differentiates for the generator's only).
        self.scorer.requires_grad_(False)
        self.g_opt.zero_grad(set_to_none=True)
        loss_of(self.scorer(self.generator(self.z()))).backward()
        self.g_opt.step()
        self.scorer.requires_grad_(True)

    def step(self):
        if self.kind == "gan":
            with torch.no_grad():
                fake = self.generator(self.z())
            self.s_opt.zero_grad(set_to_none=True)
            bce = F.binary_cross_entropy_with_logits
            real_logits, fake_logits = self.scorer(self.real), self.scorer(fake)
            loss = 0.5 * (bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits)))
            loss.backward()
            self.s_opt.step()
            self.generator_step(lambda logits: bce(logits, torch.ones_like(logits)))
            return
        for _ in range(self.critic_steps):
            with torch.no_grad():
                fake = self.generator(self.z())
            alpha = torch.rand(self.batch, 1, 1, 1, device=self.device)
            self.s_opt.zero_grad(set_to_none=True)
            wasserstein = self.scorer(self.real).mean() - self.scorer(fake).mean()
            mixed = (fake + alpha * (self.real - fake)).requires_grad_(True)
            (gradient,) = torch.autograd.grad(self.scorer(mixed).sum(), mixed, create_graph=True)
            norms = torch.sqrt(gradient.square().sum(dim=(1, 2, 3)) + 1e-12)
            loss = -wasserstein + self.penalty * ((norms - 1) ** 2).mean()
            loss.backward()
            self.s_opt.step()
        self.generator_step(lambda scores: -scores.mean())


# ---- Diffusion U-Net (src/ml/diffusion/unet.ts) ----

class Norm(nn.Module):
    """Group normalisation with learned γ, β, optionally followed by the step's (1 + s), t."""

    def __init__(self, channels, groups):
        super().__init__()
        self.norm = nn.GroupNorm(min(groups, channels), channels)

    def forward(self, x, scale=None, shift=None):
        y = self.norm(x)
        return y if scale is None else y * (1 + scale[:, :, None, None]) + shift[:, :, None, None]


class ResidualBlock(nn.Module):
    def __init__(self, cin, cout, embedding, groups):
        super().__init__()
        self.norm1, self.conv1 = Norm(cin, groups), nn.Conv2d(cin, cout, 3, padding=1)
        self.step = nn.Linear(embedding, 2 * cout)
        self.norm2, self.conv2 = Norm(cout, groups), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, e):
        h = self.conv1(F.silu(self.norm1(x)))
        scale, shift = self.step(F.silu(e)).chunk(2, 1)
        return self.skip(x) + self.conv2(F.silu(self.norm2(h, scale, shift)))


class Attention(nn.Module):
    def __init__(self, channels, heads, groups):
        super().__init__()
        self.norm, self.heads = Norm(channels, groups), heads
        self.query, self.key, self.value = (nn.Linear(channels, channels) for _ in range(3))
        self.out = nn.Linear(channels, channels)

    def forward(self, x):
        b, c, h, w = x.shape
        t = self.norm(x).flatten(2).transpose(1, 2)
        split = lambda y: y.view(b, h * w, self.heads, c // self.heads).transpose(1, 2)
        q, k, v = split(self.query(t)), split(self.key(t)), split(self.value(t))
        weights = torch.softmax(q @ k.transpose(2, 3) / math.sqrt(c // self.heads), -1)
        attended = (weights @ v).transpose(1, 2).reshape(b, h * w, c)
        return x + self.out(attended).transpose(1, 2).view(b, c, h, w)


class Unet(nn.Module):
    def __init__(self, h):
        super().__init__()
        g = lambda k, d=None: int(h[k]) if k in h else d
        self.patch, self.channels, self.resolution = g("patch", 1), g("channels"), g("resolution", SIZE)
        levels, blocks, middle = g("levels"), g("blocks"), g("middleBlocks", 2)
        heads, groups, attention = g("heads"), g("groups"), g("attentionResolution")
        mult = [g(f"mult{l}", 1) for l in range(levels)]
        width = lambda l: self.channels * mult[l]
        self.grid = self.resolution // self.patch
        self.levels, self.blocks = levels, blocks
        e = 4 * self.channels
        self.dense1, self.dense2 = nn.Linear(self.channels, e), nn.Linear(e, e)
        depth = LAYERS * self.patch * self.patch
        edge = 1 if self.patch > 1 else 3
        self.input = nn.Conv2d(depth, self.channels, edge, padding=edge // 2)
        self.position = nn.Parameter(torch.zeros(1, self.channels, self.grid, self.grid)) if g("positionEmbedding", 0) else None
        attends = lambda l: self.grid / 2 ** l <= attention
        self.down = nn.ModuleList()
        channels = self.channels
        for l in range(levels):
            for _ in range(blocks):
                self.down.append(ResidualBlock(channels, width(l), e, groups))
                channels = width(l)
                self.down.append(Attention(channels, heads, groups) if attends(l) else nn.Identity())
        self.middle = nn.ModuleList()
        for b in range(middle):
            self.middle.append(ResidualBlock(channels, width(levels - 1), e, groups))
            self.middle.append(Attention(channels, heads, groups) if b == 0 else nn.Identity())
        self.up = nn.ModuleList()
        self.upsample = nn.ModuleList()
        for l in range(levels - 1, -1, -1):
            channels += width(l)  # the skip connection
            for _ in range(blocks):
                self.up.append(ResidualBlock(channels, width(l), e, groups))
                channels = width(l)
                self.up.append(Attention(channels, heads, groups) if attends(l) else nn.Identity())
            if l > 0:
                self.upsample.append(nn.Conv2d(channels, width(l - 1), 3, padding=1))
                channels = width(l - 1)
        self.out_norm = Norm(channels, groups)
        self.output = nn.Conv2d(channels, depth, edge, padding=edge // 2)
        if self.position is not None:
            self.gain = nn.Linear(e, 1)
            self.pattern = nn.Parameter(torch.zeros(1, depth, self.grid, self.grid))

    def forward(self, x, steps):
        half = self.channels // 2
        frequencies = torch.exp(-math.log(10000) * torch.arange(half, device=x.device) / half)
        angles = steps[:, None] * frequencies[None]
        e = self.dense2(F.silu(self.dense1(torch.cat([angles.cos(), angles.sin()], 1))))
        h = self.input(F.pixel_unshuffle(x, self.patch) if self.patch > 1 else x)
        if self.position is not None:
            h = h + self.position
        skips, i = [], 0
        for l in range(self.levels):
            for _ in range(self.blocks):
                h = self.down[i + 1](self.down[i](h, e))
                i += 2
            skips.append(h)
            if l < self.levels - 1:
                h = F.avg_pool2d(h, 2)
        for i in range(0, len(self.middle), 2):
            h = self.middle[i + 1](self.middle[i](h, e))
        i, u = 0, 0
        for l in range(self.levels - 1, -1, -1):
            h = torch.cat([h, skips.pop()], 1)
            for _ in range(self.blocks):
                h = self.up[i + 1](self.up[i](h, e))
                i += 2
            if l > 0:
                h = F.interpolate(self.upsample[u](h), scale_factor=2, mode="nearest")
                u += 1
        out = self.output(F.silu(self.out_norm(h)))
        if self.position is not None:
            out = out + (self.gain(F.silu(e)) + 1)[:, :, None, None] * self.pattern * 8
        return F.pixel_shuffle(out, self.patch) if self.patch > 1 else out


# ---- Diffusion slot transformer (src/ml/diffusion/slot-transformer.ts) ----

HEADER = 12


def normalise(x):
    return F.layer_norm(x, x.shape[-1:], eps=1e-6)


def zero_linear(cin, cout):
    layer = nn.Linear(cin, cout)
    nn.init.zeros_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


class SlotBlock(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.modulation = zero_linear(width, 6 * width)
        self.query, self.key, self.value, self.out = (nn.Linear(width, width) for _ in range(4))
        self.mlp1, self.mlp2 = nn.Linear(width, 4 * width), nn.Linear(4 * width, width)

    def attention(self, x):
        b, n, d = x.shape
        split = lambda y: y.view(b, n, self.heads, d // self.heads).transpose(1, 2)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        weights = torch.softmax(q @ k.transpose(2, 3) / math.sqrt(d // self.heads), -1)
        return self.out((weights @ v).transpose(1, 2).reshape(b, n, d))

    def forward(self, h, c):
        shift1, scale1, gate1, shift2, scale2, gate2 = self.modulation(c)[:, None].chunk(6, -1)
        h = h + gate1 * self.attention(normalise(h) * (1 + scale1) + shift1)
        return h + gate2 * self.mlp2(F.silu(self.mlp1(normalise(h) * (1 + scale2) + shift2)))


class SlotTransformer(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.resolution, self.width = int(h["resolution"]), int(h["width"])
        self.slots = self.resolution - HEADER
        line = self.resolution * LAYERS
        self.input = nn.Linear(2 * line, self.width)
        self.slot = nn.Parameter(torch.randn(self.slots, self.width) * 0.02)
        self.dense1, self.dense2 = nn.Linear(self.width, self.width), nn.Linear(self.width, self.width)
        self.blocks = nn.ModuleList(SlotBlock(self.width, int(h["heads"])) for _ in range(int(h["depth"])))
        self.out_modulation = zero_linear(self.width, 2 * self.width)
        self.output = nn.Linear(self.width, 2 * line)

    def forward(self, x, steps):
        b, r, s = x.shape[0], self.resolution, self.slots
        rows = x[:, :, HEADER:, :].permute(0, 2, 3, 1).reshape(b, s, r * LAYERS)
        columns = x[:, :, :, HEADER:].permute(0, 3, 2, 1).reshape(b, s, r * LAYERS)
        h = self.input(torch.cat([rows, columns], -1)) + self.slot
        half = self.width // 2
        angles = steps[:, None] * torch.exp(-math.log(10000) * torch.arange(half, device=x.device) / half)[None]
        c = F.silu(self.dense2(F.silu(self.dense1(torch.cat([angles.cos(), angles.sin()], 1)))))
        for block in self.blocks:
            h = block(h, c)
        shift, scale = self.out_modulation(c)[:, None].chunk(2, -1)
        o = self.output(normalise(h) * (1 + scale) + shift)
        own_rows = o[..., : r * LAYERS].reshape(b, s, r, LAYERS).permute(0, 3, 1, 2)
        own_columns = o[..., r * LAYERS :].reshape(b, s, r, LAYERS).permute(0, 3, 2, 1)
        out = torch.full((b, LAYERS, r, r), -1.0, device=x.device)
        out[:, :, HEADER:, :HEADER] = own_rows[:, :, :, :HEADER]
        out[:, :, :HEADER, HEADER:] = own_columns[:, :, :HEADER, :]
        out[:, :, HEADER:, HEADER:] = (own_rows[:, :, :, HEADER:] + own_columns[:, :, HEADER:, :]) / 2
        return project_onto_layout(out)


def project_onto_layout(x):
    """src/ml/diffusion/consistency.ts: header copies averaged, corner empty, layer-0 distances symmetric."""
    s = x.shape[2] - HEADER
    header = (x[:, :, :HEADER, HEADER:].sum(1, keepdim=True) + x[:, :, HEADER:, :HEADER].transpose(2, 3).sum(1, keepdim=True)) / 8
    header = header.expand(-1, LAYERS, -1, -1)
    distance = x[:, :1, HEADER:, HEADER:]
    eye = torch.eye(s, dtype=torch.bool, device=x.device)
    distance = ((distance + distance.transpose(2, 3)) / 2).masked_fill(eye, -1.0)
    pairs = torch.cat([distance, x[:, 1:, HEADER:, HEADER:]], 1)
    corner = torch.full_like(x[:, :, :HEADER, :HEADER], -1.0)
    return torch.cat([torch.cat([corner, header], 3), torch.cat([header.transpose(2, 3), pairs], 3)], 2)


class Diffusion:
    def __init__(self, h, batch, device):
        self.slots = h["network"] == "slots"
        self.min_snr = h.get("minSnr", 0)
        self.unet = (SlotTransformer(h) if self.slots else Unet(h)).to(device)
        self.ema = [p.detach().clone() for p in self.unet.parameters()]
        self.optimizer = torch.optim.Adam(self.unet.parameters(), lr=h["learningRate"])
        self.decay = h["emaDecay"]
        self.batch, self.device = batch, device
        r = self.unet.resolution
        self.real = torch.rand(batch, LAYERS, r, r, device=device) * 2 - 1
        steps = int(h.get("timesteps", 1000))
        f = lambda t: math.cos((t / steps + 0.008) / 1.008 * math.pi / 2) ** 2
        self.alpha_bar = torch.tensor([f(i + 1) / f(0) for i in range(steps)], device=device)

    def parameters(self):
        return sum(p.numel() for p in self.unet.parameters())

    def step(self):
        t = torch.randint(0, len(self.alpha_bar), (self.batch,), device=self.device)
        a = self.alpha_bar[t][:, None, None, None]
        noise = torch.randn_like(self.real)
        xt = a.sqrt() * self.real + (1 - a).sqrt() * noise
        self.optimizer.zero_grad(set_to_none=True)
        if self.slots:
            # x0-prediction with the min-SNR weight, as diffusion.ts: the x0 error times min(SNR, gamma).
            snr = a / (1 - a)
            loss = (snr.clamp(max=self.min_snr) * (self.unet(xt, t.float()) - self.real) ** 2).mean()
        else:
            target = a.sqrt() * noise - (1 - a).sqrt() * self.real  # v; the target's choice costs nothing
            loss = F.mse_loss(self.unet(xt, t.float()), target)
        loss.backward()
        self.optimizer.step()
        with torch.no_grad():
            torch._foreach_mul_(self.ema, self.decay)
            torch._foreach_add_(self.ema, [p.detach() for p in self.unet.parameters()], alpha=1 - self.decay)


def main():
    torch.manual_seed(0)
    model, device = None, "cpu"
    for line in sys.stdin:
        request = json.loads(line)
        if request["cmd"] == "build":
            device = request.get("device", "cpu")
            if device == "cpu":
                torch.set_num_threads(int(request.get("threads", 1)))
            h = request["hyper"]
            model = Diffusion(h, request["batch"], device) if request["kind"] == "diffusion" else Adversarial(request["kind"], h, request["batch"], device)
            reply = {"parameters": model.parameters(), "torch": torch.__version__, "threads": torch.get_num_threads()}
        elif request["cmd"] == "step":
            cpu, wall = time.process_time(), time.perf_counter()
            model.step()
            if device != "cpu":
                torch.cuda.synchronize()
            reply = {"cpu_ms": (time.process_time() - cpu) * 1e3, "wall_ms": (time.perf_counter() - wall) * 1e3}
        else:
            reply = {"error": f"unknown command {request['cmd']}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
