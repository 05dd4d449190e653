"""The PyTorch round trip (docs/INTEROP.md): train a small CNN with DistributedDataParallel under torchrun (2 processes,
gloo, CPU), export it to ONNX, and write what the C# test compares against.

    torchrun --standalone --nproc_per_node=2 --redirects 1 --tee 1 --log_dir LOGS \
        Tests/Fixtures/scripts/ddp_round_trip.py --output DIR

(`--redirects 1 --tee 1 --log_dir`: Debian's torch 1.13 on Python 3.11 crashes on torchrun's default `--redirects 0`,
because 3.11's enum.IntFlag no longer lists the zero member `Std.NONE`; any non-zero value avoids that code path.)

Data: a synthetic, seeded 3-class problem (which third of a noisy 12x12 image holds a faint bar), 384 samples; each rank
trains on its DistributedSampler shard, DDP all-reduces (averages) the gradients over gloo, so both ranks keep identical
weights, which the script checks after training. Rank 0 writes DIR/DdpCnn.onnx and DIR/DdpCnn.expected.safetensors
(`input` NCHW, `output` = the trained model's softmax, metadata: steps, losses, accuracy, world size).
"""
import argparse
import datetime
import os
import sys

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

sys.path.insert(0, os.path.dirname(__file__))
import fixture_io  # noqa: E402


def dataset(count=384, seed=0):
    generator = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, 3, (count,), generator=generator)
    images = torch.rand((count, 1, 12, 12), generator=generator) * 0.6
    for i, label in enumerate(labels.tolist()):
        images[i, 0, 4 * label:4 * label + 4, 2:10] += 0.25  # a faint bar in the label's third
    return images, labels


def model():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 2 * 2, 3), nn.Softmax(dim=1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", required=True)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()
    # A collective that waits longer than this fails with an error instead of hanging the test until its time-out.
    dist.init_process_group("gloo", timeout=datetime.timedelta(minutes=2))
    rank, world = dist.get_rank(), dist.get_world_size()
    torch.manual_seed(0)  # same initial weights on every rank (DDP also broadcasts rank 0's at construction)
    net = DistributedDataParallel(model())
    images, labels = dataset()
    sampler = DistributedSampler(TensorDataset(images, labels), num_replicas=world, rank=rank, shuffle=True, seed=0)
    loader = DataLoader(TensorDataset(images, labels), batch_size=16, sampler=sampler)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.02, momentum=0.9)
    loss_fn = nn.NLLLoss()
    losses, steps = [], 0
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_fn(torch.log(net(x) + 1e-7), y)
            loss.backward()  # DDP averages the gradients of both ranks here (gloo all-reduce)
            optimizer.step()
            losses.append(loss.item())
            steps += 1

    # Every rank must hold the same weights and statistics after the same all-reduced steps.
    for name, tensor in net.module.state_dict().items():
        gathered = [torch.zeros_like(tensor) for _ in range(world)]
        dist.all_gather(gathered, tensor)
        if not all(torch.equal(gathered[0], other) for other in gathered[1:]):
            # BatchNorm's running statistics are per rank in plain DDP (no SyncBatchNorm): report, then use rank 0's.
            if "running" not in name and "num_batches" not in name:
                raise SystemExit(f"rank {rank}: parameter {name} differs between ranks")

    if rank == 0:
        trained = net.module.eval()
        test_images, test_labels = dataset(count=32, seed=1)
        with torch.no_grad():
            probabilities = trained(test_images)
        accuracy = (probabilities.argmax(1) == test_labels).float().mean().item()
        os.makedirs(args.output, exist_ok=True)
        torch.onnx.export(trained, test_images[:1], os.path.join(args.output, "DdpCnn.onnx"), opset_version=17,
                          input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
        fixture_io.write(os.path.join(args.output, "DdpCnn.expected.safetensors"),
                         {"input": test_images.numpy(), "output": probabilities.numpy()},
                         {"world_size": world, "backend": dist.get_backend(), "steps": steps, "first_loss": losses[0],
                          "last_loss": losses[-1], "test_accuracy": accuracy, "torch": torch.__version__})
        print(f"world {world} ({dist.get_backend()}), {steps} steps per rank, loss {losses[0]:.3f} -> {losses[-1]:.3f}, "
              f"test accuracy {accuracy:.3f}", flush=True)
    # No gloo teardown: the ranks have nothing left to exchange (the test reads rank 0's files after torchrun returns), and
    # Debian's PyTorch 1.13 gloo teardown hung twice here with rank 0 spinning at 100% CPU (once in a closing barrier,
    # once in destroy_process_group after rank 1 had left), past the test's 5-minute limit. Flush and leave at once.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
