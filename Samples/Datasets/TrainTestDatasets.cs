namespace Generated.Data;

/// <summary>A data set's standard training and test parts (<c>var (train, test) = Mnist.Load();</c>).</summary>
/// <param name="Train">The training samples.</param>
/// <param name="Test">The held-out test samples.</param>
public sealed record TrainTestDatasets(ImageDataset Train, ImageDataset Test);
