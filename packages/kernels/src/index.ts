/** `@croloss/kernels`: the comparison kernels phi of the rank statistic, their conditions, and the built-ins by name. */
export { defineKernel, isComparisonKernel } from './kernel';
export type { ComparisonKernel, KernelDefinition } from './kernel';
export { unitStep } from './unit-step';
export { sigmoid } from './sigmoid';
export { exponential } from './exponential';
export { softplus } from './softplus';
export { hinge } from './hinge';
export type { HingeKernel, HingeOptions } from './hinge';
export { checkKernelConditions } from './check-kernel-conditions';
export type { KernelCondition, KernelConditionOptions, KernelConditionReport } from './check-kernel-conditions';
export { isKernelName, KERNEL_NAMES, kernelByName } from './kernel-by-name';
export type { KernelByNameOptions, KernelName } from './kernel-by-name';
