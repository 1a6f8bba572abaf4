import { useMemo, useState } from 'react';
import type { Normalization } from '../../core/crystens/layout';
import { CrysTensView, type TensorCell } from './CrysTensView';
import { sharedRange } from './layers';
import './tensor.css';

export interface TensorComparisonProps {
  readonly real: Float32Array;
  readonly generated: Float32Array;
  readonly normalization: Normalization;
  /** Rows and columns both maps show (zoom.ts). */
  readonly side?: number;
  readonly realTitle?: string;
  readonly generatedTitle?: string;
}

/**
 * A real and a generated tensor side by side on one colour range and one zoom. Hovering an entry in either marks
 * the same entry in both, and each readout describes it in its own tensor.
 */
export function TensorComparison({
  real,
  generated,
  normalization,
  side,
  realTitle = 'Real',
  generatedTitle = 'Generated',
}: TensorComparisonProps) {
  const range = useMemo(() => sharedRange(real, generated), [real, generated]);
  const [hovered, setHovered] = useState<TensorCell | null>(null);
  return (
    <div className="tensor-comparison" data-testid="tensor-comparison">
      {[
        { tensor: real, title: realTitle },
        { tensor: generated, title: generatedTitle },
      ].map(({ tensor, title }) => (
        <CrysTensView
          key={title}
          tensor={tensor}
          normalization={normalization}
          title={title}
          side={side}
          range={range}
          hovered={hovered}
          onHoverChange={setHovered}
        />
      ))}
    </div>
  );
}
