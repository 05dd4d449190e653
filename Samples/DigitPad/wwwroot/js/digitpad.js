// Canvas side of DigitPad: pointer drawing, reading the ink back, showing a test digit.
// White ink on black paper, as in MNIST. .NET is told about new ink at most every 100 ms while drawing.
const throttleMs = 100;

export function init(canvas, dotnet) {
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.lineWidth = 22;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#fff";
    clear(canvas);
    let drawing = false;
    let last = null;
    let lastNotice = 0;
    const at = event => {
        const box = canvas.getBoundingClientRect();
        return { x: (event.clientX - box.left) * canvas.width / box.width, y: (event.clientY - box.top) * canvas.height / box.height };
    };
    const notify = force => {
        const now = performance.now();
        if (force || now - lastNotice >= throttleMs) {
            lastNotice = now;
            dotnet.invokeMethodAsync("OnInkChanged");
        }
    };
    canvas.addEventListener("pointerdown", event => {
        drawing = true;
        last = at(event);
        canvas.setPointerCapture(event.pointerId);
        context.beginPath();
        context.moveTo(last.x, last.y);
        context.lineTo(last.x + 0.01, last.y);
        context.stroke();
        notify(false);
    });
    canvas.addEventListener("pointermove", event => {
        if (!drawing) return;
        const point = at(event);
        context.beginPath();
        context.moveTo(last.x, last.y);
        context.lineTo(point.x, point.y);
        context.stroke();
        last = point;
        notify(false);
    });
    const end = () => {
        if (!drawing) return;
        drawing = false;
        notify(true);
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
}

export function clear(canvas) {
    const context = canvas.getContext("2d");
    context.fillStyle = "#000";
    context.fillRect(0, 0, canvas.width, canvas.height);
}

// The red channel of every pixel (the ink is grey, so one channel is enough).
export function ink(canvas) {
    const rgba = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    const grey = new Uint8Array(canvas.width * canvas.height);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4];
    return grey;
}

// Paints a 28x28 grey image scaled up to fill the canvas.
export function show(canvas, pixels, side) {
    const small = document.createElement("canvas");
    small.width = side;
    small.height = side;
    const image = small.getContext("2d").createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
        image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    }
    small.getContext("2d").putImageData(image, 0, 0);
    const context = canvas.getContext("2d");
    context.imageSmoothingEnabled = false;
    context.drawImage(small, 0, 0, canvas.width, canvas.height);
}

// Milliseconds since the page started loading.
export function sincePageStart() {
    return performance.now();
}
