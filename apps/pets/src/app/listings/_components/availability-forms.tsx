"use client";

import type { BlockView } from "@burrow/db";
import { actions, choices, fieldRow } from "@burrow/ui/classes";
import { useActionState } from "react";
import type { FormState } from "@/lib/form-state";
import { FieldError, FormMessage, groupProps, invalidProps } from "../../_components/form-feedback";
import { addBlock, removeBlock, setWeeklyPlan } from "../actions";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export function WeeklyPlanForm({ listingId, weekdays }: { listingId: string; weekdays: number[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setWeeklyPlan, {});
  const checked = (state.values?.weekdays as string[] | undefined)?.map(Number) ?? weekdays;
  const plan = groupProps(state.fieldErrors?.weekdays, "plan-error");
  return (
    <form action={action} className="form">
      <input type="hidden" name="listingId" value={listingId} />
      <fieldset className="field" {...plan.group}>
        <legend>Weekdays you take stays on</legend>
        <div className={choices}>
          {WEEKDAYS.map((name, i) => (
            <label key={name}>
              <input
                type="checkbox"
                name="weekdays"
                value={i + 1}
                defaultChecked={checked.includes(i + 1)}
                {...plan.invalid}
              />{" "}
              {name}
            </label>
          ))}
        </div>
        <FieldError id="plan-error" messages={state.fieldErrors?.weekdays} />
      </fieldset>
      <FormMessage state={state} fields={["weekdays"]} />
      <button type="submit" className="button" disabled={pending}>
        Save weekly plan
      </button>
    </form>
  );
}

export function AddBlockForm({ listingId, today }: { listingId: string; today: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(addBlock, {});
  const errors = state.fieldErrors ?? {};
  const value = (name: string) => (state.values?.[name] as string | undefined) ?? "";
  return (
    <form action={action} className="form">
      <input type="hidden" name="listingId" value={listingId} />
      <div className={fieldRow}>
        <div className="field">
          <label htmlFor="block-start">First blocked day</label>
          <input
            id="block-start"
            name="start"
            type="date"
            min={today}
            defaultValue={value("start")}
            {...invalidProps(errors.start, "block-start-error")}
          />
          <FieldError id="block-start-error" messages={errors.start} />
        </div>
        <div className="field">
          <label htmlFor="block-end">Available again on</label>
          <input
            id="block-end"
            name="end"
            type="date"
            min={today}
            defaultValue={value("end")}
            {...invalidProps(errors.end, "block-end-error")}
          />
          <FieldError id="block-end-error" messages={errors.end} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="block-reason">Reason (only you see it)</label>
        <input
          id="block-reason"
          name="reason"
          maxLength={200}
          defaultValue={value("reason")}
          {...invalidProps(errors.reason, "block-reason-error")}
        />
        <FieldError id="block-reason-error" messages={errors.reason} />
      </div>
      <FormMessage state={state} fields={["start", "end", "reason"]} />
      <button type="submit" className="button" disabled={pending}>
        Block these dates
      </button>
    </form>
  );
}

export function RemoveBlockForm({ listingId, block }: { listingId: string; block: BlockView }) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeBlock, {});
  return (
    <form action={action} className={actions}>
      <input type="hidden" name="listingId" value={listingId} />
      <input type="hidden" name="blockId" value={block.id} />
      <button type="submit" className="button button--secondary" disabled={pending}>
        Remove<span className="sr-only">{` the block ${block.start} to ${block.end}`}</span>
      </button>
      <FormMessage state={state} fields={[]} />
    </form>
  );
}
