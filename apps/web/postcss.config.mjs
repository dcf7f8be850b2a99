// Tailwind CSS 4 through PostCSS, which Next runs on every imported stylesheet.
export default { plugins: { "@tailwindcss/postcss": {} } };
