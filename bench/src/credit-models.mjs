// Keras architectures built with tf.layers for the credit bench: MobileNetV2 as keras.applications builds it, and a
// CIFAR-sized sequential CNN. Weights come from tf.layers' own initialisers (timings do not depend on the values).
import * as tfl from "@tensorflow/tfjs-layers";

const apply = (layer, x) => layer.apply(x);
const relu6 = (name) => tfl.layers.reLU({ maxValue: 6, name });
const bn = (name) => tfl.layers.batchNormalization({ name });
const conv1x1 = (filters, name) => tfl.layers.conv2d({ filters, kernelSize: 1, useBias: false, name });

/** A CIFAR-10-sized sequential CNN, ~1.6 M parameters: 4 convolutions, 2 max pools, dense 384 → 10. */
export function cifarCnn() {
  const model = tfl.sequential();
  const conv = (filters, first) =>
    tfl.layers.conv2d({
      ...(first ? { inputShape: [32, 32, 3] } : {}),
      filters,
      kernelSize: 3,
      padding: "same",
      activation: "relu",
    });
  model.add(conv(32, true));
  model.add(conv(32));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(conv(64));
  model.add(conv(64));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: 384, activation: "relu" }));
  model.add(tfl.layers.dense({ units: 10 }));
  return model;
}

/** MobileNetV2 (Sandler et al. 2018), alpha 1, 224 × 224, 1000 classes: 3.54 M parameters, softmax output. */
export function mobileNetV2() {
  const input = tfl.input({ shape: [224, 224, 3], name: "input_1" });
  let x = apply(
    tfl.layers.zeroPadding2d({
      padding: [
        [0, 1],
        [0, 1],
      ],
      name: "Conv1_pad",
    }),
    input,
  );
  x = apply(tfl.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, useBias: false, name: "Conv1" }), x);
  x = apply(relu6("Conv1_relu"), apply(bn("bn_Conv1"), x));
  const settings = [
    [1, 16, 1, 1],
    [6, 24, 2, 2],
    [6, 32, 3, 2],
    [6, 64, 4, 2],
    [6, 96, 3, 1],
    [6, 160, 3, 2],
    [6, 320, 1, 1],
  ];
  let id = 0;
  for (const [expansion, filters, repeats, stride] of settings) {
    for (let r = 0; r < repeats; r++) x = invertedResidual(x, expansion, filters, r === 0 ? stride : 1, id++);
  }
  x = apply(relu6("out_relu"), apply(bn("Conv_1_bn"), apply(conv1x1(1280, "Conv_1"), x)));
  x = apply(tfl.layers.globalAveragePooling2d({ name: "global_average_pooling2d" }), x);
  return tfl.model({
    inputs: input,
    outputs: apply(tfl.layers.dense({ units: 1000, activation: "softmax", name: "predictions" }), x),
  });
}

function invertedResidual(x, expansion, filters, stride, id) {
  const channels = x.shape[3];
  const prefix = id === 0 ? "expanded_conv_" : `block_${id}_`;
  let y = x;
  if (id > 0)
    y = apply(
      relu6(`${prefix}expand_relu`),
      apply(bn(`${prefix}expand_BN`), apply(conv1x1(expansion * channels, `${prefix}expand`), y)),
    );
  if (stride === 2)
    y = apply(
      tfl.layers.zeroPadding2d({
        padding: [
          [0, 1],
          [0, 1],
        ],
        name: `${prefix}pad`,
      }),
      y,
    );
  const depthwise = tfl.layers.depthwiseConv2d({
    kernelSize: 3,
    strides: stride,
    padding: stride === 1 ? "same" : "valid",
    useBias: false,
    name: `${prefix}depthwise`,
  });
  y = apply(relu6(`${prefix}depthwise_relu`), apply(bn(`${prefix}depthwise_BN`), apply(depthwise, y)));
  y = apply(bn(`${prefix}project_BN`), apply(conv1x1(filters, `${prefix}project`), y));
  return channels === filters && stride === 1 ? apply(tfl.layers.add({ name: `${prefix}add` }), [x, y]) : y;
}
