import { burrowNextConfig } from "@burrow/next-config";

// Next compiles this file to CommonJS, so __dirname is the app's folder.
export default burrowNextConfig(__dirname);
