export * from './provider';
export { definition } from './definition';
