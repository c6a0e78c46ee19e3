/**
 * An instrument's statements as a survey shows them: one fieldset per statement, its choices as radio
 * buttons (the scale's points, then "does not apply" where allowed), so it works with the keyboard alone
 * and reads well with a screen reader. Staff's survey and the families' survey in the portal both use it.
 */
import type { Answer } from '../api';

type Instrument = Answer<'/api/trauma/survey', 'post'>['instrument'];
export type SurveyLanguage = 'en' | 'es';

export function SurveyStatements({
  instrument,
  language,
  answers,
  onAnswer,
  numbering,
}: {
  instrument: Instrument;
  language: SurveyLanguage;
  answers: Record<string, number | null>;
  onAnswer: (itemId: string, value: number | null) => void;
  /** "Statement 3 of 14: " for screen readers, in the page's language. */
  numbering: (position: number, count: number) => string;
}) {
  return (
    <>
      {instrument.items.map((item, i) => {
        const choices = [
          ...instrument.scale.labels.map((label, k) => ({ value: instrument.scale.min + k, label: label[language] })),
          ...(item.allowsNotApplicable ? [{ value: null, label: instrument.scale.notApplicableLabel[language] }] : []),
        ];
        return (
          <fieldset className="usa-fieldset margin-top-4" key={item.id}>
            <legend className="usa-legend">
              <span className="usa-sr-only">{numbering(i + 1, instrument.items.length)}</span>
              {item.text[language]}
            </legend>
            {choices.map((c) => {
              const id = `${item.id}-${c.value ?? 'na'}`;
              return (
                <div className="usa-radio" key={id}>
                  <input
                    className="usa-radio__input"
                    type="radio"
                    id={id}
                    name={item.id}
                    checked={item.id in answers && answers[item.id] === c.value}
                    onChange={() => onAnswer(item.id, c.value)}
                  />
                  <label className="usa-radio__label" htmlFor={id}>
                    {c.label}
                  </label>
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </>
  );
}
