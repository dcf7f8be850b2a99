import type { ComponentProps } from "react";

/** An admin table: on a narrow screen it scrolls sideways inside its wrapper rather than breaking words apart. */
export function DataTable(props: ComponentProps<"table">) {
  return (
    <div className="overflow-x-auto">
      <table
        className="m-0 w-full min-w-xl border-collapse bg-surface [&_:is(th,td)]:border-border [&_:is(th,td)]:border-b [&_:is(th,td)]:px-3 [&_:is(th,td)]:py-2 [&_:is(th,td)]:text-start [&_:is(th,td)]:align-top [&_th]:font-semibold"
        {...props}
      />
    </div>
  );
}
